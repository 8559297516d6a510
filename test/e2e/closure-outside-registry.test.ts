import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { testServerPackage } from '../helpers/test-packages.js';
import { freePort, startRegistry, type LocalRegistry } from '../helpers/verdaccio.js';

// A dependency given as a tarball URL (npm allows URLs and git hosts) is fetched from that host,
// not from the registry: when it is unreachable the error names that URL, not the registry, which
// answered every request.
describe('a dependency fetched from outside the registry', () => {
  let reg: LocalRegistry;
  let env: NodeJS.ProcessEnv;
  let ws: string;
  let deadPort: number;

  beforeAll(async () => {
    reg = await startRegistry();
    env = await reg.npmEnv();
    deadPort = await freePort();
    await reg.publish(
      testServerPackage({
        name: 'vet-outside',
        version: '1.0.0',
        dependencies: { 'outside-dep': `http://127.0.0.1:${deadPort}/outside-dep.tgz` },
      }),
    );
    ws = await mkdtemp(join(tmpdir(), 'mcp-vet-ws-'));
    expect((await runCli(['init'], { cwd: ws, env })).code).toBe(0);
  });
  afterAll(async () => reg?.stop());

  it('names the URL that failed and says it is outside the registry', async () => {
    const r = await runCli(['snapshot', 'vet-outside@1.0.0'], { cwd: ws, env });
    expect(r.stderr).toContain(`http://127.0.0.1:${deadPort}/outside-dep.tgz unreachable (ECONNREFUSED)`);
    expect(r.stderr).toContain(`is fetched from outside the registry ${reg.url}`);
    expect(r.stderr).not.toContain(`registry ${reg.url} unreachable`);
    expect(r.stderr).toContain('[REGISTRY_UNREACHABLE]');
    expect(r.code).toBe(3);
  });
});
