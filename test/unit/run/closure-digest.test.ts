import { mkdirSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  closureDigestOf,
  closureDigestOfDir,
  recordDigestOf,
  sealTree,
  treeDigestOf,
} from '../../../src/io/cache/tree-record.js';
import { makeWritable } from '../../../src/io/cache/tree-store.js';
import { readRunPin } from '../../../src/core/run/run-pin.js';

const dirs: string[] = [];
afterEach(async () => {
  for (const dir of dirs.splice(0)) {
    makeWritable(dir);
    await rm(dir, { recursive: true, force: true });
  }
});

/** An installed closure as npm's installer leaves it, `resolved` naming the registry it came from. */
async function installed(registry: string, server = 'console.log(1);\n'): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'mcp-vet-closure-digest-'));
  dirs.push(dir);
  mkdirSync(join(dir, 'node_modules', 'srv'), { recursive: true });
  writeFileSync(join(dir, 'package.json'), '{"name":"mcp-vet-snapshot"}');
  writeFileSync(join(dir, 'package-lock.json'), `{"resolved":"${registry === 'a' ? 'file:mcp-vet-root.tgz' : ''}"}`);
  writeFileSync(join(dir, 'node_modules', '.package-lock.json'), `{"resolved":"http://${registry}/srv.tgz"}`);
  writeFileSync(join(dir, 'node_modules', 'srv', 'package.json'), '{"name":"srv"}');
  writeFileSync(join(dir, 'node_modules', 'srv', 'server.js'), server);
  return dir;
}

describe('the closure digest (snapshot side and run cache alike)', () => {
  it('ignores npm’s lockfiles, which name the registry and the local root tarball', async () => {
    const a = closureDigestOfDir(await installed('a'));
    expect(closureDigestOfDir(await installed('b'))).toBe(a);
    expect(a).toMatch(/^sha256:[0-9a-f]{64}$/);
  });

  it('changes with a file’s content, and is what sealTree records and recordDigestOf recomputes', async () => {
    const dir = await installed('a');
    const digest = closureDigestOfDir(dir);
    expect(closureDigestOfDir(await installed('a', 'console.log(2);\n'))).not.toBe(digest);
    const sealed = sealTree(dir);
    expect(sealed.treeDigest).toBe(digest);
    expect(recordDigestOf(sealed.entries)).toBe(digest);
    // over every entry (lockfiles too) the digest would differ between registries
    expect(treeDigestOf(sealed.entries.map((e) => [e[0], e[1], e[4]]))).not.toBe(digest);
  });

  it('a path, a type or a link target changes it', () => {
    const base = closureDigestOf([
      ['.', 'd', ''],
      ['a', 'f', 'x'],
    ]);
    expect(
      closureDigestOf([
        ['.', 'd', ''],
        ['b', 'f', 'x'],
      ]),
    ).not.toBe(base);
    expect(
      closureDigestOf([
        ['.', 'd', ''],
        ['a', 'l', 'x'],
      ]),
    ).not.toBe(base);
    expect(
      closureDigestOf([
        ['.', 'd', ''],
        ['a', 'f', 'x'],
        ['node_modules/.package-lock.json', 'f', 'y'],
      ]),
    ).toBe(base);
  });
});

describe('the pin’s tree digest as mcp-vet run reads it', () => {
  const entry = (tree?: unknown) => ({
    name: 'srv',
    version: '1.0.0',
    integrity: 'sha512-AAAA',
    dependencies: { digest: `sha256:${'1'.repeat(64)}`, count: 1, ...(tree === undefined ? {} : { tree }) },
    manifest: { status: 'captured' },
    provenance: { status: 'absent' },
  });
  it('optional; read when present; a malformed one is INVALID_FILE', () => {
    expect(readRunPin(entry(), 'f').dependencies).not.toHaveProperty('tree');
    expect(readRunPin(entry(`sha256:${'2'.repeat(64)}`), 'f').dependencies.tree).toBe(`sha256:${'2'.repeat(64)}`);
    expect(() => readRunPin(entry('sha256:zz'), 'f')).toThrow(expect.objectContaining({ code: 'INVALID_FILE' }));
  });
});
