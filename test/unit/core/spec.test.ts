import { describe, expect, it } from 'vitest';
import { parsePackageSpec } from '../../../src/core/spec.js';
import { VetError } from '../../../src/core/errors.js';

describe('package specs', () => {
  it('parses names, versions, ranges and tags', () => {
    expect(parsePackageSpec('@scope/srv')).toEqual({ name: '@scope/srv', wanted: 'latest', kind: 'tag' });
    expect(parsePackageSpec('srv@1.2.3')).toEqual({ name: 'srv', wanted: '1.2.3', kind: 'version' });
    expect(parsePackageSpec('srv@^1.2.0')).toMatchObject({ name: 'srv', kind: 'range' });
    expect(parsePackageSpec('@scope/srv@next')).toEqual({ name: '@scope/srv', wanted: 'next', kind: 'tag' });
  });
  it.each(['./local-dir', 'https://example.invalid/x.tgz', 'github:user/repo', 'alias@npm:srv@1', '@@bad', ''])(
    'refuses %j with INVALID_SPEC',
    (spec) => {
      try {
        parsePackageSpec(spec);
        expect.unreachable();
      } catch (err) {
        expect(err).toBeInstanceOf(VetError);
        expect((err as VetError).code).toBe('INVALID_SPEC');
        expect((err as VetError).exitCode).toBe(2);
      }
    },
  );
});
