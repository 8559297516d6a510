import type { PackageFiles } from './pack.js';

export interface TestServerOptions {
  name: string;
  version: string;
  dependencies?: Record<string, string>;
  scripts?: Record<string, string>;
  /** tools the server lists: name -> description (schema: one string parameter `text`) */
  tools?: Record<string, string>;
  /** extra files, e.g. lib/mail.js */
  files?: PackageFiles;
  repository?: string;
}

/**
 * A small MCP server package written for the tests: zero dependencies, newline-delimited
 * JSON-RPC over stdio, answering initialize and tools/list.
 */
export function testServerPackage(o: TestServerOptions): PackageFiles {
  const bin = o.name.replace(/^@[^/]+\//, '');
  const pkg: Record<string, unknown> = {
    name: o.name,
    version: o.version,
    description: 'MCP server written for the mcp-vet tests',
    type: 'module',
    bin: { [bin]: 'server.js' },
    license: 'MIT',
  };
  if (o.dependencies) pkg['dependencies'] = o.dependencies;
  if (o.scripts) pkg['scripts'] = o.scripts;
  if (o.repository) pkg['repository'] = { type: 'git', url: o.repository };
  const tools = Object.entries(o.tools ?? { echo: 'Repeats the text it is given.' }).map(([name, description]) => ({
    name,
    description,
    inputSchema: { type: 'object', properties: { text: { type: 'string' } }, required: ['text'] },
  }));
  return {
    'package.json': JSON.stringify(pkg, null, 2),
    'server.js': serverSource(o.name, o.version, tools),
    ...o.files,
  };
}

/** A plain dependency package (no server). */
export function libraryPackage(name: string, version: string, dependencies?: Record<string, string>): PackageFiles {
  const pkg: Record<string, unknown> = { name, version, main: 'index.js', license: 'MIT' };
  if (dependencies) pkg['dependencies'] = dependencies;
  return {
    'package.json': JSON.stringify(pkg, null, 2),
    'index.js': `export const version = ${JSON.stringify(version)};\n`,
  };
}

function serverSource(name: string, version: string, tools: unknown[]): string {
  return `#!/usr/bin/env node
import { createInterface } from 'node:readline';
const tools = ${JSON.stringify(tools)};
const send = (msg) => process.stdout.write(JSON.stringify({ jsonrpc: '2.0', ...msg }) + '\\n');
createInterface({ input: process.stdin }).on('line', (line) => {
  let req;
  try { req = JSON.parse(line); } catch { return; }
  if (req.id === undefined) return;
  if (req.method === 'initialize') {
    send({ id: req.id, result: { protocolVersion: req.params?.protocolVersion ?? '2025-06-18', capabilities: { tools: {} }, serverInfo: { name: ${JSON.stringify(name)}, version: ${JSON.stringify(version)} } } });
  } else if (req.method === 'tools/list') {
    send({ id: req.id, result: { tools } });
  } else {
    send({ id: req.id, error: { code: -32601, message: 'method not found' } });
  }
});
`;
}
