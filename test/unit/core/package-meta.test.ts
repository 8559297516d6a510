import { describe, expect, it } from 'vitest';
import { buildPackageMeta, normaliseRepositoryUrl } from '../../../src/core/package/package-meta.js';
import { bestIntegrity, integrityOf } from '../../../src/core/package/integrity.js';

describe('package metadata', () => {
  it('collects install scripts, including the one npm implies for binding.gyp', () => {
    const meta = buildPackageMeta({
      name: '@s/srv',
      version: '1.0.0',
      integrity: 'sha512-x',
      packageJson: {
        name: '@s/srv',
        bin: 'cli.js',
        scripts: { test: 'vitest', postinstall: 'node setup.js' },
        repository: 'git+https://github.com/s/srv.git',
        author: { name: 'A', email: 'a@example.invalid' },
      },
      files: [
        { path: 'cli.js', size: 10, sha256: 'a'.repeat(64) },
        { path: 'binding.gyp', size: 5, sha256: 'b'.repeat(64) },
      ],
    });
    expect(meta.installScripts).toEqual({ postinstall: 'node setup.js', install: 'node-gyp rebuild' });
    expect(meta.bin).toEqual({ srv: 'cli.js' });
    expect(meta.repository).toBe('https://github.com/s/srv');
    expect(meta.author).toBe('A <a@example.invalid>');
    expect(meta.files.map((f) => f.path)).toEqual(['binding.gyp', 'cli.js']);
    expect(meta.unpackedSize).toBe(15);
  });
  it('normalises repository URLs', () => {
    expect(normaliseRepositoryUrl('git@github.com:a/b.git')).toBe('https://github.com/a/b');
    expect(normaliseRepositoryUrl('github:a/b')).toBe('https://github.com/a/b');
    expect(normaliseRepositoryUrl('a/b')).toBe('https://github.com/a/b');
    expect(normaliseRepositoryUrl('git://github.com/a/b.git')).toBe('https://github.com/a/b');
  });
  it('picks the strongest integrity and falls back to a sha1 shasum', () => {
    expect(bestIntegrity({ integrity: 'sha1-abc sha512-def' })).toEqual({
      integrity: 'sha512-def',
      algorithm: 'sha512',
    });
    expect(bestIntegrity({ shasum: 'a'.repeat(40) })?.algorithm).toBe('sha1');
    expect(bestIntegrity({})).toBeNull();
    expect(integrityOf(Buffer.from('x'))).toBe(
      'sha512-pKvURIxJVi2CgRXROh/M6pJ/UrTVRZKX+LQ+QtqJI4vBNibkPcs43bCCSIkn7JBPtCBXRDmD6IWFF51QVRr+Yg==',
    );
  });
});
