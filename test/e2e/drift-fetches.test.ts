import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { startCountingProxy, type CountingProxy } from '../helpers/counting-proxy.js';
import { libraryPackage, testServerPackage } from '../helpers/test-packages.js';
import { startRegistry, type LocalRegistry } from '../helpers/verdaccio.js';

interface JsonReport {
  verdict: string;
  subjects: Array<{ name: string; from: string; to: string }>;
  errors?: unknown[];
}

/**
 * What drift asks of the registry, counted by a proxy in front of a real local registry, on a cold
 * npm cache (a CI runner's nightly drift): the pinned tarball is downloaded once per pin, not again
 * for its install nor for each candidate it is diffed with; each candidate's tarball once too.
 */
describe('drift downloads each tarball once, through the built binary and a counting proxy', () => {
  let reg: LocalRegistry;
  let proxy: CountingProxy;
  let env: NodeJS.ProcessEnv;
  let ws: string;
  const cli = (args: string[]) => runCli(args, { cwd: ws, env, timeoutMs: 180_000 });
  const tarball = (version: string) => `/df-server/-/df-server-${version}.tgz`;
  const gets = (version: string) => proxy.count('GET', tarball(version));

  beforeAll(async () => {
    reg = await startRegistry();
    proxy = await startCountingProxy(reg.url);
    await reg.publish(libraryPackage('df-lib', '1.0.0'));
    for (const [version, tools] of [
      ['1.0.0', { echo: 'Repeats the text it is given.' }],
      ['1.1.0', { echo: 'Repeats the text it is given.', shout: 'Repeats the text in capitals.' }],
      ['1.2.0', { echo: 'Repeats the text it is given.', whisper: 'Repeats the text in lower case.' }],
    ] as const)
      await reg.publish(
        testServerPackage({ name: 'df-server', version, dependencies: { 'df-lib': '^1.0.0' }, tools: { ...tools } }),
      );
    const dir = await mkdtemp(join(tmpdir(), 'mcp-vet-drift-fetches-'));
    await writeFile(join(dir, 'npmrc'), `registry=${proxy.url}\n`);
    env = {
      npm_config_userconfig: join(dir, 'npmrc'),
      npm_config_cache: join(dir, 'cache'),
      npm_config_globalconfig: join(dir, 'global-npmrc'),
    };
    ws = dir;
    await runCli(['init'], { cwd: ws, env });
    const added = await cli(['add', 'df-server@1.0.0', '--updates', '^1.0.0', '--by', 'tests']);
    expect(added.code, added.stderr).toBe(0);
  }, 180_000);
  afterAll(async () => {
    await proxy?.stop();
    await reg?.stop();
  });

  /** The npm cache emptied, the proxy's record cleared: what one drift run asks on a fresh machine. */
  const coldDrift = async (args: string[]): Promise<JsonReport> => {
    await rm(String(env['npm_config_cache']), { recursive: true, force: true });
    proxy.reset();
    const r = await cli(['drift', '--format', 'json', ...args]);
    const report = JSON.parse(r.stdout) as JsonReport;
    expect(report.errors ?? [], r.stderr).toEqual([]);
    return report;
  };

  it('with snapshots and --all: one GET of the pinned tarball, one of each candidate', async () => {
    const report = await coldDrift(['--all']);
    expect(report.subjects).toMatchObject([{ name: 'df-server', from: '1.0.0', to: '1.2.0' }]);
    expect(proxy.requests.some((r) => r.startsWith('GET /df-lib/-/'))).toBe(true);
    expect([gets('1.0.0'), gets('1.1.0'), gets('1.2.0')]).toEqual([1, 1, 1]);
  }, 180_000);

  it('with --no-snapshot: one GET of the pinned tarball and one of the newest within policy', async () => {
    await coldDrift(['--no-snapshot']);
    expect([gets('1.0.0'), gets('1.1.0'), gets('1.2.0')]).toEqual([1, 0, 1]);
  }, 180_000);
});
