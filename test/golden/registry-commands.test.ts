import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { expectGolden, type GoldenContext } from '../helpers/golden.js';
import { libraryPackage, testServerPackage } from '../helpers/test-packages.js';
import { freePort, startRegistry, type LocalRegistry } from '../helpers/verdaccio.js';

/**
 * The whole output (command, exit code, stdout, stderr) of each registry command, compared with
 * test/golden/<command>-<case>.txt. One local registry and one workspace for the file; the cases run
 * in order, as a user would: init, add, verify, approve, drift, check, snapshot, diff, report merge.
 * Most cases pass --no-snapshot; `add-pinned`, `verify-update` and `snapshot-pinned` start the server
 * in the real sandbox. `npm run golden:update` rewrites the files.
 */
const SERVER = { name: 'gd-server', dependencies: { 'gd-lib': '^1.0.0' } };
const NOTE = 'Adds a note to the notebook.';
const SEARCH = 'Finds notes by words.';

describe('golden: registry commands over a local registry', () => {
  let reg: LocalRegistry;
  let env: NodeJS.ProcessEnv;
  let ws: string;
  let ctx: GoldenContext;

  const golden = async (name: string, args: string[]) => {
    const result = await runCli(args, { cwd: ws, env, timeoutMs: 180_000 });
    await expectGolden(name, args, result, ctx);
  };
  const config = (servers: Record<string, string[]>) =>
    writeFile(
      join(ws, '.mcp.json'),
      JSON.stringify({
        mcpServers: Object.fromEntries(Object.entries(servers).map(([k, args]) => [k, { command: 'npx', args }])),
      }),
    );

  beforeAll(async () => {
    reg = await startRegistry();
    env = await reg.npmEnv();
    await reg.publish(libraryPackage('gd-lib', '1.0.0'));
    await reg.publish(testServerPackage({ ...SERVER, version: '1.0.0', tools: { add_note: NOTE } }));
    await reg.publish(testServerPackage({ ...SERVER, version: '1.1.0', tools: { add_note: NOTE, search_notes: SEARCH } }));
    await reg.publish(testServerPackage({ name: 'gd-hook', version: '1.0.0', scripts: { postinstall: 'node x.js' } }));
    ws = await mkdtemp(join(tmpdir(), 'mcp-vet-golden-'));
    ctx = { paths: { '<workspace>': ws, '<registry-root>': reg.root } };
  }, 120_000);
  afterAll(async () => {
    await reg?.stop();
    if (ws) await rm(ws, { recursive: true, force: true });
  });

  const cases: Array<[name: string, args: string[], before?: () => Promise<unknown>]> = [
    ['init-new', ['init']],
    ['add-pinned', ['add', 'gd-server@1.0.0', '--updates', '^1.0.0', '--by', 'tests']],
    ['add-refused', ['add', 'gd-hook@1.0.0', '--by', 'tests', '--no-snapshot']],
    ['add-refused-json', ['add', 'gd-hook@1.0.0', '--by', 'tests', '--no-snapshot', '--format', 'json']],
    ['add-env-value', ['add', 'gd-server@1.0.0', '--env', 'TOKEN=value', '--by', 'tests']],
    ['verify-update', ['verify', 'gd-server']],
    ['verify-update-json', ['verify', 'gd-server', '--no-snapshot', '--format', 'json']],
    ['verify-unreachable', ['verify', 'gd-server', '--no-snapshot', '--registry', 'DEAD']],
    ['approve-no-version', ['approve', 'gd-server']],
    ['approve-moved', ['approve', 'gd-server@1.1.0', '--by', 'tests', '--note', 'adds search']],
    [
      'drift-update',
      ['drift', '--no-snapshot'],
      () => reg.publish(testServerPackage({ ...SERVER, version: '1.2.0', scripts: { postinstall: 'node x.js' } })),
    ],
    ['drift-update-json', ['drift', '--no-snapshot', '--format', 'json']],
    ['drift-shard-1', ['drift', '--no-snapshot', '--shard', '1/2', '--format', 'json', '--output', 'a.json']],
    ['drift-shard-2', ['drift', '--no-snapshot', '--shard', '2/2', '--format', 'json', '--output', 'b.json']],
    ['report-merge', ['report', 'merge', 'a.json', 'b.json']],
    ['check-pass', ['check'], () => config({ notes: ['-y', 'gd-server@1.1.0'] })],
    ['check-offline', ['check', '--offline']],
    [
      'check-findings',
      ['check'],
      () => config({ notes: ['-y', 'gd-server@1.1.0'], other: ['-y', 'gd-other@1.0.0'], loose: ['gd-server'] }),
    ],
    ['check-findings-json', ['check', '--format', 'json']],
    ['snapshot-pinned', ['snapshot', 'gd-server@1.1.0', '--no-recheck', '--format', 'text']],
    ['diff-packages', ['diff', 'gd-server@1.0.0', 'gd-server@1.1.0']],
    ['diff-packages-json', ['diff', 'gd-server@1.1.0', 'gd-server@1.2.0', '--format', 'json']],
  ];

  // in order: each case sees the workspace the earlier ones left
  it.each(cases)('%s', async (name, args, before) => {
    await before?.();
    const dead = args.includes('DEAD') ? `http://127.0.0.1:${await freePort()}/` : '';
    await golden(
      name,
      args.map((a) => (a === 'DEAD' ? dead : a)),
    );
  });
});
