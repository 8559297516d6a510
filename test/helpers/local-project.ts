import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from './cli.js';
import { packTarball, type RawEntry } from './pack.js';
import { testServerPackage } from './test-packages.js';
import type { LocalRegistry } from './verdaccio.js';

/** A new project folder (temp, `prefix`…) on which `mcp-vet init` ran. */
export async function initProject(prefix: string, env: NodeJS.ProcessEnv): Promise<string> {
  const ws = await mkdtemp(join(tmpdir(), prefix));
  const init = await runCli(['init'], { cwd: ws, env });
  if (init.code !== 0) throw new Error(`mcp-vet init failed in ${ws}: ${init.stderr}`);
  return ws;
}

/** Publishes the test server `name@1.0.0` with extra tar entries (links, `../` paths, absolute paths). */
export function publishWithEntries(reg: LocalRegistry, name: string, raw: RawEntry[]): Promise<unknown> {
  const files = testServerPackage({ name, version: '1.0.0' });
  return reg.publish(files, { tarball: packTarball(files, raw) });
}
