import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeFileAtomic } from '../../../src/io/atomic-write.js';
import { withFileLock } from '../../../src/io/workspace-lock.js';
import { Workspace } from '../../../src/io/workspace.js';
import { validEntry } from '../../helpers/entries.js';

describe('workspace files', () => {
  it('writes atomically and leaves no temp file behind', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'mcp-vet-unit-'));
    await writeFileAtomic(join(dir, 'a', 'b.json'), '{}\n');
    expect(await readFile(join(dir, 'a', 'b.json'), 'utf8')).toBe('{}\n');
    expect(await readdir(join(dir, 'a'))).toEqual(['b.json']);
  });
  it('fails with WRITE_FAILED naming the file, leaving the old content', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'mcp-vet-unit-'));
    await writeFile(join(dir, 'blocker'), 'x');
    await expect(writeFileAtomic(join(dir, 'blocker', 'f.json'), '{}')).rejects.toMatchObject({
      code: 'WRITE_FAILED',
      message: expect.stringContaining('blocker/f.json'),
    });
  });
  it('holds an exclusive lock and releases it', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'mcp-vet-unit-'));
    const lock = join(dir, '.lock');
    await withFileLock(lock, async () => {
      await expect(withFileLock(lock, async () => 1)).rejects.toMatchObject({ code: 'WORKSPACE_BUSY' });
    });
    expect(await withFileLock(lock, async () => 2)).toBe(2);
  });
  it('never lets two holders in at once: concurrent read-modify-writes lose no update', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'mcp-vet-unit-'));
    const lock = join(dir, '.lock');
    const counter = join(dir, 'counter');
    await writeFile(counter, '0');
    const increment = () =>
      withFileLock(lock, async () => {
        const value = Number(await readFile(counter, 'utf8'));
        await writeFile(counter, String(value + 1));
        return true;
      }).catch((err: { code?: string }) => {
        if (err.code !== 'WORKSPACE_BUSY') throw err;
        return false;
      });
    let held = 0;
    for (let round = 0; round < 20; round++) {
      // a dead owner's lock every other round: the takeover is raced too
      if (round % 2 === 1) await writeFile(lock, '999999999\n');
      held += (await Promise.all(Array.from({ length: 8 }, increment))).filter(Boolean).length;
    }
    expect(held).toBeGreaterThan(0);
    expect(Number(await readFile(counter, 'utf8'))).toBe(held);
    expect((await readdir(dir)).sort()).toEqual(['counter']);
  });
  it('maps scoped names to folders and refuses names that escape', async () => {
    const ws = new Workspace({ allowlist: '/w/allowlist', snapshots: '/w/snapshots' });
    expect(ws.entryFile('@s/srv')).toBe('/w/allowlist/@s/srv.json');
    expect(ws.snapshotDir('@s/srv', '1.0.0')).toBe('/w/snapshots/@s/srv/1.0.0');
    expect(() => ws.entryFile('../etc/passwd')).toThrow(/INVALID|invalid/);
    expect(() => ws.snapshotDir('srv', '../1')).toThrow(/invalid version/);
  });
  it('lists entries and checks that the name matches the path', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'mcp-vet-unit-'));
    const ws = new Workspace({ allowlist: join(dir, 'allowlist'), snapshots: join(dir, 'snapshots') });
    await ws.init();
    expect(await ws.listEntries()).toEqual([]);
    const entry = validEntry('other');
    await writeFile(join(dir, 'allowlist', 'srv.json'), JSON.stringify(entry));
    await expect(ws.listEntries()).rejects.toMatchObject({
      code: 'INVALID_FILE',
      message: expect.stringContaining('field /name'),
    });
  });
  it('an entry whose policy.updates is not a semver range is invalid, naming the field', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'mcp-vet-unit-'));
    const ws = new Workspace({ allowlist: join(dir, 'allowlist'), snapshots: join(dir, 'snapshots') });
    await ws.init();
    const entry = { ...validEntry('srv'), policy: { updates: 'not a range' } };
    await writeFile(join(dir, 'allowlist', 'srv.json'), JSON.stringify(entry));
    await expect(ws.listEntries()).rejects.toMatchObject({
      code: 'INVALID_FILE',
      message: expect.stringContaining('srv.json: field /policy/updates'),
    });
    await writeFile(join(dir, 'allowlist', 'srv.json'), JSON.stringify({ ...entry, policy: { updates: '^1.0.0' } }));
    expect((await ws.listEntries()).map((e) => e.policy.updates)).toEqual(['^1.0.0']);
  });
  it('names what in the allowlist folder is not an entry: a folder, a scope-less folder, a stray file', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'mcp-vet-unit-'));
    const ws = new Workspace({ allowlist: join(dir, 'allowlist'), snapshots: join(dir, 'snapshots') });
    await ws.init();
    await writeFile(join(dir, 'allowlist', 'README.md'), 'notes\n');
    await mkdir(join(dir, 'allowlist', 'remote'));
    expect(await ws.listEntries()).toEqual([]);
    for (const [made, name] of [
      [() => mkdir(join(dir, 'allowlist', 'srv.json')), 'srv.json'],
      [() => mkdir(join(dir, 'allowlist', 'scope-less')), 'scope-less'],
      [() => writeFile(join(dir, 'allowlist', 'srv.yaml'), 'x'), 'srv.yaml'],
    ] as const) {
      await made();
      await expect(ws.listEntries()).rejects.toMatchObject({
        code: 'INVALID_FILE',
        message: expect.stringContaining(`${name}: not an allowlist entry`),
      });
      await rm(join(dir, 'allowlist', name), { recursive: true });
    }
  });
});
