import { describe, expect, it } from 'vitest';
import { lockHasEdges, toPackageLock } from '../../../src/core/package/package-lock.js';
import type { LockFile } from '../../../src/core/workspace/lock-file.js';

const lock: LockFile = {
  formatVersion: 1,
  root: { name: '@s/srv', version: '1.0.0' },
  packages: {
    'node_modules/@s/srv': {
      name: '@s/srv',
      version: '1.0.0',
      integrity: 'sha512-A',
      resolved: '@s/srv/-/srv-1.0.0.tgz',
      dependencies: { dep: '^2.0.0', alias: 'npm:real@^1' },
    },
    'node_modules/dep': { name: 'dep', version: '2.1.0', integrity: 'sha512-B', optional: true },
    'node_modules/alias': {
      name: 'real',
      version: '1.2.0',
      integrity: 'sha512-C',
      resolved: 'git+ssh://git@example.invalid/real.git#abc',
    },
  },
};

describe('package-lock.json from a lock', () => {
  it('depends on exactly the root and keeps edges, integrity and non-registry sources', () => {
    const pl = toPackageLock(lock) as { lockfileVersion: number; packages: Record<string, Record<string, unknown>> };
    expect(pl.lockfileVersion).toBe(3);
    expect(pl.packages['']).toEqual({
      name: 'mcp-vet-snapshot',
      version: '0.0.0',
      dependencies: { '@s/srv': '1.0.0' },
    });
    expect(pl.packages['node_modules/@s/srv']).toEqual({
      version: '1.0.0',
      integrity: 'sha512-A',
      dependencies: { dep: '^2.0.0', alias: 'npm:real@^1' },
    });
    expect(pl.packages['node_modules/dep']).toEqual({ version: '2.1.0', integrity: 'sha512-B', optional: true });
    expect(pl.packages['node_modules/alias']).toMatchObject({
      name: 'real',
      resolved: 'git+ssh://git@example.invalid/real.git#abc',
    });
  });
  it('installs a package whose bytes are at hand from its file, integrity kept', () => {
    const pl = toPackageLock(lock, undefined, { 'node_modules/@s/srv': 'root.tgz', 'node_modules/none': 'x.tgz' }) as {
      packages: Record<string, Record<string, unknown>>;
    };
    expect(pl.packages['node_modules/@s/srv']).toMatchObject({ resolved: 'file:root.tgz', integrity: 'sha512-A' });
    expect(pl.packages['node_modules/dep']).not.toHaveProperty('resolved');
    expect(pl.packages['node_modules/none']).toBeUndefined();
  });
  it('tells locks with edges from older ones', () => {
    expect(lockHasEdges(lock)).toBe(true);
    const old = structuredClone(lock);
    delete old.packages['node_modules/@s/srv']!.dependencies;
    expect(lockHasEdges(old)).toBe(false);
  });
});
