import { VetError } from '../errors.js';
import { Manifest } from '../manifest/format.js';
import { validate } from '../workspace/parse-file.js';
import { isRecord, type ManifestView } from './view.js';

/**
 * Turns already-parsed JSON into the view the diff compares. Accepts an mcp-vet snapshot
 * (`formatVersion` present), a raw MCP `tools/list` result (`{"tools": [...]}`, optionally with
 * `prompts`, `resources`, `resourceTemplates`, `instructions`, `serverInfo`) and the same wrapped in a
 * JSON-RPC response (`{"result": {...}}`). Errors name the file and the field.
 */
export function parseManifestInput(data: unknown, file: string): ManifestView {
  if (isRecord(data) && isRecord(data['result']) && !('tools' in data) && !('formatVersion' in data)) {
    return parseManifestInput(data['result'], file);
  }
  if (!isRecord(data)) {
    throw invalid(
      file,
      '/',
      `expected a JSON object (an mcp-vet snapshot or a tools/list result), got ${kindOf(data)}`,
    );
  }
  if ('formatVersion' in data) return fromSnapshot(validate(Manifest, data, file), file);
  if (Array.isArray(data['tools'])) return fromToolsList(data, file);
  throw invalid(
    file,
    '/',
    'neither an mcp-vet snapshot (no "formatVersion") nor an MCP tools/list result (no "tools" array)',
  );
}

function fromSnapshot(m: Manifest, file: string): ManifestView {
  const view: ManifestView = {
    label: file,
    instructions: m.instructions,
    tools: m.tools,
    prompts: m.prompts,
    resources: m.resources,
    resourceTemplates: m.resourceTemplates,
  };
  const server = serverOf(m.serverInfo);
  if (server) view.server = server;
  checkUnique(
    view.tools.map((t) => t.name),
    file,
    'tools',
  );
  return view;
}

function fromToolsList(data: Record<string, unknown>, file: string): ManifestView {
  const tools = namedList(data['tools'], file, 'tools', 'name');
  for (const [i, tool] of tools.entries()) {
    for (const key of ['description', 'title'] as const) {
      if (tool[key] !== undefined && tool[key] !== null && typeof tool[key] !== 'string') {
        throw invalid(file, `/tools/${i}/${key}`, `expected a string, got ${kindOf(tool[key])}`);
      }
    }
    for (const key of ['inputSchema', 'outputSchema', 'annotations'] as const) {
      if (tool[key] !== undefined && !isRecord(tool[key]))
        throw invalid(file, `/tools/${i}/${key}`, `expected an object, got ${kindOf(tool[key])}`);
    }
  }
  const instructions = data['instructions'];
  if (instructions !== undefined && instructions !== null && typeof instructions !== 'string') {
    throw invalid(file, '/instructions', `expected a string, got ${kindOf(instructions)}`);
  }
  const view: ManifestView = {
    label: file,
    instructions: typeof instructions === 'string' ? instructions : null,
    tools: tools as ManifestView['tools'],
    prompts: namedList(data['prompts'] ?? [], file, 'prompts', 'name') as ManifestView['prompts'],
    resources: namedList(data['resources'] ?? [], file, 'resources', 'uri') as ManifestView['resources'],
    resourceTemplates: namedList(
      data['resourceTemplates'] ?? [],
      file,
      'resourceTemplates',
      'uriTemplate',
    ) as ManifestView['resourceTemplates'],
  };
  const server =
    serverOf(data['serverInfo']) ?? serverOf({ name: data['server'] ?? data['package'], version: data['version'] });
  if (server) view.server = server;
  checkUnique(
    view.tools.map((t) => t.name),
    file,
    'tools',
  );
  return view;
}

function namedList(value: unknown, file: string, field: string, key: string): Array<Record<string, unknown>> {
  if (!Array.isArray(value)) throw invalid(file, `/${field}`, `expected an array, got ${kindOf(value)}`);
  return value.map((item, i) => {
    if (!isRecord(item)) throw invalid(file, `/${field}/${i}`, `expected an object, got ${kindOf(item)}`);
    if (typeof item[key] !== 'string' || item[key] === '')
      throw invalid(file, `/${field}/${i}/${key}`, 'expected a non-empty string');
    return item;
  });
}

function checkUnique(names: string[], file: string, field: string): void {
  const seen = new Set<string>();
  for (const [i, name] of names.entries()) {
    if (seen.has(name)) throw invalid(file, `/${field}/${i}/name`, `duplicate name "${name}"`);
    seen.add(name);
  }
}

function serverOf(info: unknown): ManifestView['server'] | undefined {
  if (!isRecord(info) || typeof info['name'] !== 'string' || info['name'] === '') return undefined;
  const out: NonNullable<ManifestView['server']> = { name: info['name'] };
  if (typeof info['version'] === 'string' && info['version'] !== '') out.version = info['version'];
  return out;
}

function invalid(file: string, field: string, message: string): VetError {
  return new VetError('INVALID_FILE', `${file}: field ${field}: ${message}`, { details: { file, field } });
}

function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}
