import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { startDripRegistry, startSilentServer, type FaultServer } from '../helpers/fault-servers.js';
import { testServerPackage } from '../helpers/test-packages.js';

/**
 * Deadlines against loopback servers started here: one that accepts connections and never answers,
 * one that answers packuments but sends a tarball one byte every 2 s, one whose dependency
 * packument never comes (ended by --stage-timeout, which names the request). Each run must end with exit 3, name the request, and end in bounded time.
 */
describe('network deadlines', () => {
  let root: string;
  let ws: string;
  let env: NodeJS.ProcessEnv;
  let silent: FaultServer;
  let registry: FaultServer & { requests: string[] };

  const timed = async (args: string[], extra: NodeJS.ProcessEnv = {}) => {
    const start = Date.now();
    const result = await runCli(args, { cwd: ws, env: { ...env, ...extra }, timeoutMs: 150_000 });
    return {
      ...result,
      all: (result.stdout + result.stderr).replace(/\s+/g, ' '),
      seconds: (Date.now() - start) / 1000,
    };
  };

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'mcp-vet-deadlines-'));
    await writeFile(join(root, 'npmrc'), '');
    await writeFile(join(root, 'global-npmrc'), '');
    env = {
      npm_config_userconfig: join(root, 'npmrc'),
      npm_config_globalconfig: join(root, 'global-npmrc'),
      npm_config_cache: join(root, 'cache'),
    };
    silent = await startSilentServer();
    registry = await startDripRegistry(
      [
        { files: testServerPackage({ name: 'dl-server', version: '1.0.0' }), tarball: 'fast' },
        { files: testServerPackage({ name: 'drip-server', version: '1.0.0' }), tarball: 'drip' },
        {
          files: testServerPackage({ name: 'dep-server', version: '1.0.0', dependencies: { 'hung-dep': '^1.0.0' } }),
          tarball: 'fast',
        },
      ],
      { silentPaths: ['/hung-dep'] },
    );
    ws = join(root, 'ws');
    await mkdir(ws);
    await runCli(['init'], { cwd: ws, env });
    const added = await timed(['add', 'dl-server@1.0.0', '--no-snapshot', '--by', 'tests', '--registry', registry.url]);
    expect(added.stderr).toContain('pinned dl-server@1.0.0');
    await writeFile(
      join(ws, '.mcp.json'),
      JSON.stringify({ mcpServers: { dl: { command: 'npx', args: ['-y', 'dl-server@1.0.0'] } } }),
    );
  });
  afterAll(async () => {
    await silent?.stop();
    await registry?.stop();
    if (root) await rm(root, { recursive: true, force: true });
  });

  it('a registry that never answers: add, verify, drift and check exit 3 within 60 s, naming the request', async () => {
    const at = ['--registry', silent.url];
    const [add, verify, drift, check] = await Promise.all([
      timed(['add', 'other-server@1.0.0', '--no-snapshot', '--by', 'tests', ...at]),
      timed(['verify', 'dl-server', '--no-snapshot', ...at]),
      timed(['drift', '--no-snapshot', ...at]),
      timed(['check', ...at]),
    ]);
    expect(add.stderr).toContain(`other-server: GET ${silent.url}other-server: no answer within 30 s [TIMEOUT]`);
    expect(verify.stderr).toContain(`GET ${silent.url}dl-server: no answer within 30 s [TIMEOUT]`);
    for (const run of [drift, check]) {
      // the first request named; a later one may say which earlier request went unanswered
      const unwrapped = run.stdout.replace(/\n +/g, ' ');
      expect(unwrapped).toContain(`GET ${silent.url}dl-server: `);
      expect(unwrapped).toContain('within 30 s');
    }
    for (const run of [add, verify, drift, check]) {
      expect(run.code, run.stderr).toBe(3);
      expect(run.seconds).toBeLessThan(60);
    }
  }, 120_000);

  it('a tarball that drips a byte every 2 s ends at the minimum transfer rate', async () => {
    const run = await timed(['add', 'drip-server@1.0.0', '--no-snapshot', '--by', 'tests', '--registry', registry.url]);
    expect(run.code, run.stderr).toBe(3);
    expect(run.all).toMatch(
      new RegExp(
        `drip-server@1\\.0\\.0: GET ${registry.url}drip-server/-/drip-server-1\\.0\\.0\\.tgz: \\d bytes in 10 s, under the minimum rate of 1024 bytes/s `,
      ),
    );
    expect(run.seconds).toBeLessThan(30);
  });

  it('a dependency packument that never comes ends at --stage-timeout, naming the stage and the request', async () => {
    const run = await timed([
      'add',
      'dep-server@1.0.0',
      '--no-snapshot',
      '--by',
      'tests',
      '--registry',
      registry.url,
      '--stage-timeout',
      '4',
    ]);
    expect(run.code, run.stderr).toBe(3);
    expect(run.all).toContain(
      `stage/incomplete (stage closure) resolving the dependency closure could not complete: dep-server@1.0.0: dependency closure: not done within 4 s (the stage deadline); still waiting for GET ${registry.url}hung-dep`,
    );
    expect(registry.requests).toContain('GET /hung-dep');
    // the stage deadline, not the 30 s request deadline, ends it
    expect(run.seconds).toBeLessThan(15);
  }, 60_000);

  it('--request-timeout and MCP_VET_REQUEST_TIMEOUT reach every request', async () => {
    const at = ['--registry', silent.url];
    const [flag, fromEnv] = await Promise.all([
      timed(['add', 'other-server@1.0.0', '--no-snapshot', '--by', 'tests', '--request-timeout', '2', ...at]),
      timed(['verify', 'dl-server', '--no-snapshot', ...at], { MCP_VET_REQUEST_TIMEOUT: '3' }),
    ]);
    expect(flag.stderr).toContain(`other-server: GET ${silent.url}other-server: no answer within 2 s [TIMEOUT]`);
    expect(fromEnv.stderr).toContain(`GET ${silent.url}dl-server: no answer within 3 s [TIMEOUT]`);
    for (const run of [flag, fromEnv]) {
      expect(run.code, run.stderr).toBe(3);
      expect(run.seconds).toBeLessThan(20);
    }
  }, 60_000);

  it('a deadline that is not a number is a usage error (exit 2), from the flag or the environment', async () => {
    const flag = await timed(['add', 'dl-server@1.0.0', '--no-snapshot', '--request-timeout', 'soon']);
    const fromEnv = await timed(['verify', 'dl-server', '--no-snapshot'], { MCP_VET_STAGE_TIMEOUT: 'later' });
    expect(flag.code).toBe(2);
    expect(flag.stderr).toContain('--request-timeout: expected seconds');
    expect(fromEnv.code).toBe(2);
    expect(fromEnv.stderr).toContain('--stage-timeout: expected seconds');
  });

  it('deadline options are documented with their environment variables', async () => {
    const help = await timed(['add', '--help']);
    expect(help.stdout).toMatch(/--request-timeout <seconds>[\s\S]*env:\s+MCP_VET_REQUEST_TIMEOUT/);
  });
});
