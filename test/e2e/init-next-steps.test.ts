import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

describe('init says what it did and what comes next, on stderr', () => {
  let root: string;
  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'mcp-vet-init-'));
  });
  afterAll(async () => {
    if (root) await rm(root, { recursive: true, force: true });
  });

  it('names the folders it created and the next command; stdout stays empty', async () => {
    const r = await runCli(['init'], { cwd: root });
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    expect(r.stderr.split('\n')).toEqual([
      'created allowlist',
      'created snapshots',
      'next: mcp-vet add <pkg>[@<version>] pins a server (verified, locked and snapshotted)',
      '',
    ]);
  });

  it('a second run says the folders exist, and only creates what is missing', async () => {
    await rm(join(root, 'snapshots'), { recursive: true });
    const r = await runCli(['init'], { cwd: root });
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/^exists {2}allowlist\ncreated snapshots\nnext: mcp-vet add /);
  });

  it('--allowlist and --snapshots folders are the ones named', async () => {
    const ws = join(root, 'other');
    await mkdir(ws);
    const r = await runCli(['init', '--allowlist', 'pins', '--snapshots', 'evidence'], { cwd: ws });
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/^created pins\ncreated evidence\n/);
  });
});
