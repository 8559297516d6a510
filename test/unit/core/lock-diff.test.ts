import { describe, expect, it } from 'vitest';
import { diffLocks } from '../../../src/core/package/lock-diff.js';
import { closureFindings } from '../../../src/core/closure/findings.js';
import type { LockFile } from '../../../src/core/workspace/lock-file.js';

const lock = (packages: LockFile['packages']): LockFile => ({
  formatVersion: 1,
  root: { name: 'srv', version: '1.0.0' },
  packages,
});
const base = lock({
  'node_modules/srv': { name: 'srv', version: '1.0.0', integrity: 'sha512-A' },
  'node_modules/a': { name: 'a', version: '1.0.0', integrity: 'sha512-a1', resolved: 'a/-/a-1.0.0.tgz' },
  'node_modules/b': { name: 'b', version: '2.0.0', integrity: 'sha512-b2' },
});

describe('dependency closure diff', () => {
  it('finds nothing when the closure is the same', () => {
    expect(closureFindings('srv@1.0.0', diffLocks(base, structuredClone(base)))).toEqual([]);
  });
  it('classifies every kind of change with its code', () => {
    const after = lock({
      'node_modules/srv': { name: 'srv', version: '1.0.0', integrity: 'sha512-A' },
      'node_modules/a': { name: 'a', version: '1.0.1', integrity: 'sha512-a2' },
      'node_modules/c': { name: 'c', version: '1.0.0', integrity: 'sha512-c' },
    });
    expect(closureFindings('srv@1.0.0', diffLocks(base, after)).map((f) => f.code)).toEqual([
      'package/closure-version-changed',
      'package/closure-package-removed',
      'package/closure-package-added',
    ]);
  });
  it('flags the same version with other bytes as critical, and a move to another source', () => {
    const after = structuredClone(base);
    after.packages['node_modules/b'] = { name: 'b', version: '2.0.0', integrity: 'sha512-other' };
    after.packages['node_modules/a'] = {
      name: 'a',
      version: '1.0.0',
      integrity: 'sha512-a1',
      resolved: 'git+ssh://git@example.invalid/a.git#abc',
    };
    const findings = closureFindings('srv@1.0.0', diffLocks(base, after));
    expect(findings.map((f) => [f.code, f.severity])).toEqual([
      ['package/closure-source-changed', 'high'],
      ['package/closure-integrity-changed', 'critical'],
    ]);
  });
});
