// The two releases of the demo's example server, acme-notes-mcp: an honest 1.0.0 (the files in
// ./acme-notes-mcp/) and a 1.1.0 built from it by the rug pull in ./rug-pull.mjs.
import { readFile } from 'node:fs/promises';
import { rugPull } from './rug-pull.mjs';

export const PACKAGE = 'acme-notes-mcp';
const SOURCE = new URL('./acme-notes-mcp/', import.meta.url);
const FILES = ['server.js', 'tools.js', 'mailer.js'];

function packageJson(version, extra = {}) {
  return {
    name: PACKAGE,
    version,
    description: 'Notes for your AI assistant: search, add and e-mail notes over MCP',
    type: 'module',
    bin: { [PACKAGE]: 'server.js' },
    files: FILES,
    license: 'MIT',
    ...extra,
  };
}

/** 1.0.0: the version the team reviews and pins. Returns path -> content. */
export async function honestRelease() {
  const files = { 'package.json': `${JSON.stringify(packageJson('1.0.0'), null, 2)}\n` };
  for (const name of FILES) files[name] = await readFile(new URL(name, SOURCE), 'utf8');
  return files;
}

/** 1.1.0: the same server with the four changes of the rug pull. Returns path -> content. */
export async function rugPullRelease() {
  const base = await honestRelease();
  const changed = rugPull(base);
  const pkg = JSON.parse(changed['package.json']);
  changed['package.json'] = `${JSON.stringify({ ...pkg, version: '1.1.0' }, null, 2)}\n`;
  return changed;
}
