import { VetError } from '../errors.js';
import { parseJsonc, pointerOf, type ParsedDocument } from './jsonc.js';
import type { ConfigSource, ConfiguredServer } from './server.js';
import { parseTomlConfig } from './toml.js';

type Obj = Record<string, unknown>;

/**
 * Parses one client config file and returns its servers, normalised. A file that cannot be parsed,
 * or whose server section has the wrong shape, is an error (INVALID_FILE, exit 2) naming the file,
 * line and field: a CI gate must not pass because it could not read a config.
 */
export function serversFromText(source: ConfigSource, text: string): ConfiguredServer[] {
  const doc = source.shape === 'codex' ? parseTomlConfig(text, source.file) : parseJsonc(text, source.file);
  if (!isObj(doc.value)) fail(source, doc, '', 'expected an object at the top level');
  const root = doc.value as Obj;
  switch (source.shape) {
    case 'mcpServers':
      return section(source, doc, root, ['mcpServers']);
    case 'claude-user': {
      const out = section(source, doc, root, ['mcpServers']);
      const projects = root['projects'];
      if (isObj(projects)) {
        for (const path of Object.keys(projects).sort()) {
          if (isObj(projects[path]))
            out.push(...section(source, doc, projects[path], ['projects', path, 'mcpServers'], path));
        }
      }
      return out;
    }
    case 'vscode':
      return section(source, doc, root, ['servers']);
    case 'vscode-settings': {
      if (isObj(root['mcp'])) return section(source, doc, root['mcp'], ['mcp', 'servers']);
      return section(source, doc, root, ['mcp.servers']);
    }
    case 'codex':
      return section(source, doc, root, ['mcp_servers']);
    case 'opencode':
      return section(source, doc, root, ['mcp']);
  }
}

/** The servers of `container[last(path)]`; `path` is the full path from the root, for pointers. */
function section(
  source: ConfigSource,
  doc: ParsedDocument,
  container: Obj,
  path: string[],
  scope?: string,
): ConfiguredServer[] {
  const key = path[path.length - 1] ?? '';
  const servers = container[key];
  if (servers === undefined || servers === null) return [];
  const pointer = pointerOf(path);
  if (!isObj(servers)) fail(source, doc, pointer, `expected an object of servers (name -> entry)`);
  return Object.keys(servers)
    .sort()
    .map((id) => entry(source, doc, servers[id], [...path, id], id, scope));
}

function entry(
  source: ConfigSource,
  doc: ParsedDocument,
  raw: unknown,
  path: string[],
  id: string,
  scope?: string,
): ConfiguredServer {
  const pointer = pointerOf(path);
  if (!isObj(raw)) fail(source, doc, pointer, 'expected an object describing the server');
  const lineOf = (...rest: string[]) => doc.lines.get(pointerOf([...path, ...rest])) ?? doc.lines.get(pointer) ?? 1;
  const field = (name: string) => `${pointer}/${name}`;
  let command: string | undefined;
  let args: string[] = [];
  if (Array.isArray(raw['command'])) {
    // OpenCode: command is the whole argv
    const argv = strings(source, doc, raw['command'], field('command'));
    command = argv[0];
    args = argv.slice(1);
  } else if (raw['command'] !== undefined) {
    command = str(source, doc, raw['command'], field('command'));
  }
  if (raw['args'] !== undefined) args = [...args, ...strings(source, doc, raw['args'], field('args'))];
  const envKey = raw['env'] !== undefined ? 'env' : 'environment';
  const env = stringMap(source, doc, raw[envKey], field(envKey));
  const headersKey = raw['headers'] !== undefined ? 'headers' : 'http_headers';
  const headers = stringMap(source, doc, raw[headersKey], field(headersKey));
  const urlKey = ['url', 'serverUrl', 'httpUrl'].find((k) => raw[k] !== undefined);
  const url = urlKey ? str(source, doc, raw[urlKey], field(urlKey)) : undefined;
  const fieldLines: Record<string, number> = { command: lineOf('command'), args: lineOf('args') };
  if (urlKey) fieldLines['url'] = lineOf(urlKey);
  for (const k of Object.keys(env)) fieldLines[`env/${k}`] = lineOf(envKey, k);
  for (const k of Object.keys(headers)) fieldLines[`headers/${k}`] = lineOf(headersKey, k);
  const server: ConfiguredServer = {
    client: source.client,
    file: source.file,
    line: lineOf(),
    id,
    pointer,
    args,
    env,
    headers,
    fieldLines,
  };
  if (scope !== undefined) server.scope = scope;
  if (command !== undefined) server.command = command;
  if (url !== undefined) server.url = url;
  const type = raw['type'] ?? raw['transport'];
  if (typeof type === 'string') server.type = type;
  if (raw['disabled'] === true || raw['enabled'] === false) server.disabled = true;
  if (source.baseDir) server.baseDir = source.baseDir;
  if (command === undefined && url === undefined)
    fail(source, doc, pointer, 'the server has neither a command nor a url');
  return server;
}

function str(source: ConfigSource, doc: ParsedDocument, v: unknown, pointer: string): string {
  if (typeof v !== 'string') fail(source, doc, pointer, 'expected a string');
  return v as string;
}

function strings(source: ConfigSource, doc: ParsedDocument, v: unknown, pointer: string): string[] {
  if (!Array.isArray(v)) fail(source, doc, pointer, 'expected an array of strings');
  return (v as unknown[]).map((x, i) =>
    typeof x === 'number' || typeof x === 'boolean' ? String(x) : str(source, doc, x, `${pointer}/${i}`),
  );
}

function stringMap(source: ConfigSource, doc: ParsedDocument, v: unknown, pointer: string): Record<string, string> {
  if (v === undefined || v === null) return {};
  if (!isObj(v)) fail(source, doc, pointer, 'expected an object of name -> value');
  const out: Record<string, string> = {};
  for (const [k, x] of Object.entries(v as Obj)) {
    out[k] =
      typeof x === 'number' || typeof x === 'boolean'
        ? String(x)
        : str(source, doc, x, `${pointer}/${pointerOf([k]).slice(1)}`);
  }
  return out;
}

function fail(source: ConfigSource, doc: ParsedDocument, pointer: string, reason: string): never {
  const line = nearestLine(doc, pointer);
  throw new VetError('INVALID_FILE', `${source.file}:${line}: ${pointer || '/'}: ${reason}`, {
    details: { file: source.file, line, field: pointer || '/' },
  });
}

function nearestLine(doc: ParsedDocument, pointer: string): number {
  let p = pointer;
  for (;;) {
    const line = doc.lines.get(p);
    if (line !== undefined) return line;
    if (p === '') return 1;
    p = p.slice(0, p.lastIndexOf('/'));
  }
}

function isObj(v: unknown): v is Obj {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}
