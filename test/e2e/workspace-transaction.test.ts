import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, type CliResult } from '../helpers/cli.js';
import { testServerPackage } from '../helpers/test-packages.js';
import { startRegistry, type LocalRegistry } from '../helpers/verdaccio.js';

/**
 * add and approve of one package started at the same moment, 20 times over, as separate processes
 * on one workspace and a local registry. The workspace lock covers each run's whole
 * read-modify-write, so each run either wrote its pin or failed with WORKSPACE_BUSY having written
 * nothing, and the pin left behind is always the one the last successful run wrote, with evidence
 * that verifies: no update is lost or half-applied.
 */
describe('workspace transactions: concurrent add and approve', () => {
  let reg: LocalRegistry;
  let env: NodeJS.ProcessEnv;
  let root: string;
  let ws: string;
  const versions = ['1.0.0', '1.1.0', '1.2.0'];
  const cli = (args: string[]) => runCli(args, { cwd: ws, env, timeoutMs: 120_000 });
  const pinned = async () =>
    (JSON.parse(await readFile(join(ws, 'allowlist', 'tx-server.json'), 'utf8')) as { version: string }).version;

  beforeAll(async () => {
    reg = await startRegistry();
    env = await reg.npmEnv();
    for (const version of versions) await reg.publish(testServerPackage({ name: 'tx-server', version }));
    root = await mkdtemp(join(tmpdir(), 'mcp-vet-tx-'));
    ws = join(root, 'ws');
    await mkdir(ws);
    expect((await cli(['init'])).code).toBe(0);
    const first = await cli(['add', 'tx-server@1.0.0', '--no-snapshot', '--by', 'tests']);
    expect(first.code, first.stderr).toBe(0);
  }, 120_000);
  afterAll(async () => {
    await reg?.stop();
    if (root) await rm(root, { recursive: true, force: true });
  });

  const busy = (r: CliResult) => r.code === 3 && r.stderr.includes('[WORKSPACE_BUSY]');

  it('20 concurrent add/approve pairs: every run wrote its pin or failed clearly; none lost', async () => {
    let contended = 0;
    for (let round = 0; round < 20; round++) {
      const current = await pinned();
      const others = versions.filter((v) => v !== current);
      const [approveTo, addTo] = round % 2 === 0 ? others : [...others].reverse();
      const started = Date.now();
      const runs = await Promise.all([
        // moving the pin back and forth is the point here, so going back is allowed (approve and add)
        cli(['approve', `tx-server@${approveTo}`, '--no-snapshot', '--allow-downgrade', '--by', 'tests']).then((r) => ({
          r,
          version: approveTo!,
          ended: Date.now() - started,
        })),
        cli(['add', `tx-server@${addTo}`, '--no-snapshot', '--allow-downgrade', '--by', 'tests']).then((r) => ({
          r,
          version: addTo!,
          ended: Date.now() - started,
        })),
      ]);
      for (const { r } of runs) expect(r.code === 0 || busy(r), `${r.code}\n${r.stderr}`).toBe(true);
      const written = runs.filter(({ r }) => r.code === 0);
      expect(written.length).toBeGreaterThan(0);
      if (written.length === 1) contended++;
      const after = await pinned();
      // the lock serialises the two: the pin is the last successful writer's, never a mix
      const last = [...written].sort((a, b) => a.ended - b.ended).at(-1)!;
      expect(after).toBe(last.version);
      // and its evidence verifies: check --offline over a client config starting the pinned version
      await writeFile(
        join(ws, '.mcp.json'),
        JSON.stringify({ mcpServers: { tx: { command: 'npx', args: ['-y', `tx-server@${after}`] } } }),
      );
      const verified = await cli(['check', '--offline']);
      expect(verified.code, verified.stdout + verified.stderr).toBe(0);
    }
    // the runs did meet: at least some rounds had one of the two refused by the lock
    expect(contended).toBeGreaterThan(0);
  }, 600_000);
});
