import { mkdir, mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

/**
 * Options that would write something into a pin are checked before anything is asked or written:
 * a value given to --env (a secret must never reach the allowlist) and an --updates range that is
 * not semver (drift would then never consider an update). The registry is a closed loopback port,
 * so a run that got past validation would fail differently.
 */
describe('add and snapshot: option validation before any write', () => {
  let root: string;
  let ws: string;
  const registry = ['--registry', 'http://127.0.0.1:9/'];

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'mcp-vet-options-'));
    ws = join(root, 'ws');
    await mkdir(ws);
    expect((await runCli(['init'], { cwd: ws })).code).toBe(0);
  });
  afterAll(async () => {
    if (root) await rm(root, { recursive: true, force: true });
  });

  const allowlist = async () => (await readdir(join(ws, 'allowlist'))).filter((f) => f.endsWith('.json'));

  it('--env NAME=VALUE: exit 2, the name but never the value in the message, nothing written', async () => {
    const run = await runCli(
      ['add', 'some-server@1.0.0', '--no-snapshot', '--env', 'API_TOKEN=s3cr3t-v4lue', ...registry],
      {
        cwd: ws,
      },
    );
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--env API_TOKEN=…: --env takes the variable');
    expect(run.stderr + run.stdout).not.toContain('s3cr3t-v4lue');
    expect(await allowlist()).toEqual([]);
  });

  it('--env that is no variable name: exit 2 naming it', async () => {
    const run = await runCli(['add', 'some-server@1.0.0', '--no-snapshot', '--env', '9LIVES', ...registry], {
      cwd: ws,
    });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--env: "9LIVES" is not an environment variable name');
    expect(await allowlist()).toEqual([]);
  });

  it('snapshot --env NAME=VALUE: exit 2 without echoing the value', async () => {
    const run = await runCli(['snapshot', 'some-server@1.0.0', '--env', 'KEY=hunter2-secret', ...registry], {
      cwd: ws,
    });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--env KEY=…');
    expect(run.stderr + run.stdout).not.toContain('hunter2-secret');
  });

  it('--updates that is not a semver range: exit 2 naming the value, nothing written', async () => {
    const run = await runCli(['add', 'some-server@1.0.0', '--no-snapshot', '--updates', 'not a range', ...registry], {
      cwd: ws,
    });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--updates: "not a range" is not a valid semver range');
    expect(await allowlist()).toEqual([]);
  });

  it('--min-release-age that is not a whole number of days: exit 2', async () => {
    const run = await runCli(['add', 'some-server@1.0.0', '--no-snapshot', '--min-release-age', 'soon', ...registry], {
      cwd: ws,
    });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--min-release-age: expected a whole number of days');
    expect(await allowlist()).toEqual([]);
  });
});
