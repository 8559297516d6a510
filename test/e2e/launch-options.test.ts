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

  /** Runs add with the given options: a usage error (exit 2) with the message, and no entry written. */
  const refused = async (options: string[], message: string, secret?: string) => {
    const run = await runCli(['add', 'some-server@1.0.0', '--no-snapshot', ...options, ...registry], { cwd: ws });
    expect(run.code, run.stderr).toBe(2);
    expect(run.stderr).toContain(message);
    if (secret) expect(run.stderr + run.stdout).not.toContain(secret);
    expect(await allowlist()).toEqual([]);
  };

  it('--env NAME=VALUE: exit 2, the name but never the value in the message, nothing written', () =>
    refused(['--env', 'API_TOKEN=s3cr3t-v4lue'], '--env API_TOKEN=…: --env takes the variable', 's3cr3t-v4lue'));

  it('--env that is no variable name: exit 2 naming it', () =>
    refused(['--env', '9LIVES'], '--env: "9LIVES" is not an environment variable name'));

  it('--updates that is not a semver range: exit 2 naming the value, nothing written', () =>
    refused(['--updates', 'not a range'], '--updates: "not a range" is not a valid semver range'));

  it('--min-release-age that is not a whole number of days: exit 2', () =>
    refused(['--min-release-age', 'soon'], '--min-release-age: expected a whole number of days'));

  it('snapshot --env NAME=VALUE: exit 2 without echoing the value', async () => {
    const run = await runCli(['snapshot', 'some-server@1.0.0', '--env', 'KEY=hunter2-secret', ...registry], {
      cwd: ws,
    });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--env KEY=…');
    expect(run.stderr + run.stdout).not.toContain('hunter2-secret');
  });
});
