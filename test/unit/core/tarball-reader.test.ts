import { describe, expect, it } from 'vitest';
import { gzipSync } from 'node:zlib';
import { readTarball } from '../../../src/io/tarball-reader.js';
import { VetError } from '../../../src/core/errors.js';
import { packTarball } from '../../helpers/pack.js';

describe('tarball reader', () => {
  it('hashes every file and strips the package/ folder', async () => {
    const tgz = await packTarball({ 'package.json': '{"name":"x","version":"1.0.0"}', 'lib/a.js': 'export {}\n' });
    const contents = await readTarball(tgz, 'x@1.0.0');
    expect(contents.files.map((f) => [f.path, f.size])).toEqual([
      ['lib/a.js', 10],
      ['package.json', 30],
    ]);
    expect(contents.packageJson).toEqual({ name: 'x', version: '1.0.0' });
    expect(contents.files[0]?.sha256).toMatch(/^[0-9a-f]{64}$/);
  });
  it('refuses path traversal and keeps symlinks as links, never following them', async () => {
    const tgz = await packTarball({ 'package.json': '{}' }, [
      { path: 'package/../../etc/passwd', data: Buffer.from('x') },
      { path: '/abs/file', data: Buffer.from('x') },
      { path: 'package/link', type: '2', linkpath: '/etc/shadow' },
    ]);
    const contents = await readTarball(tgz, 'x@1.0.0');
    expect(contents.unsafePaths.sort()).toEqual(['/abs/file', 'package/../../etc/passwd']);
    expect(contents.files.find((f) => f.path === 'link')).toMatchObject({
      type: 'symlink',
      linkpath: '/etc/shadow',
      size: 0,
    });
  });
  it('strips a first folder of any name and does not call the folder itself unsafe', async () => {
    // DefinitelyTyped tarballs hold `node/` with a directory entry of its own, not `package/`
    const tgz = await packTarball({}, [
      { path: 'node/', type: '5' },
      { path: 'node/package.json', data: Buffer.from('{"name":"@types/node","version":"1.0.0"}') },
      { path: 'node/index.d.ts', data: Buffer.from('export {}\n') },
    ]);
    const contents = await readTarball(tgz, '@types/node@1.0.0');
    expect(contents.unsafePaths).toEqual([]);
    expect(contents.files.map((f) => f.path)).toEqual(['index.d.ts', 'package.json']);
  });
  it('stops a decompression bomb at the size limit with a clear error', async () => {
    const big = Buffer.alloc(8 * 1024 * 1024, 0x41);
    const tgz = await packTarball({ 'package.json': '{}', 'a.txt': big, 'b.txt': big });
    await expect(readTarball(tgz, 'bomb@1.0.0', { limits: { maxTotalBytes: 10 * 1024 * 1024 } })).rejects.toThrow(
      /bomb@1\.0\.0: tarball unpacks to more than/,
    );
    await expect(readTarball(tgz, 'bomb@1.0.0', { limits: { maxFileBytes: 1024 * 1024 } })).rejects.toThrow(
      /entry a\.txt is 8388608 bytes/,
    );
  });
  it('gives INVALID_FILE for garbage and for an invalid package.json', async () => {
    const garbage = readTarball(gzipSync(Buffer.from('not a tar archive at all'.repeat(40))), 'junk@1.0.0');
    await expect(garbage).rejects.toBeInstanceOf(VetError);
    await expect(readTarball(await packTarball({ 'package.json': '{"name": ' }), 'bad@1.0.0')).rejects.toThrow(
      /bad@1\.0\.0: package\.json is not valid JSON/,
    );
  });
});
