import { describe, expect, it } from 'vitest';
import { canonicalJson, digestOf } from '../../../src/core/canonical-json.js';

describe('canonical JSON', () => {
  it('sorts keys at every depth, keeps array order, ends with a newline', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { z: 1, y: 2 }], c: null } })).toBe(
      '{\n  "a": {\n    "c": null,\n    "d": [\n      3,\n      {\n        "y": 2,\n        "z": 1\n      }\n    ]\n  },\n  "b": 1\n}\n',
    );
  });
  it('drops undefined members', () => {
    expect(canonicalJson({ a: undefined, b: 2 })).toBe('{\n  "b": 2\n}\n');
  });
  it('digests do not depend on key order and do depend on kind and format version', () => {
    const a = digestOf('lock', 1, { x: 1, y: 2 });
    expect(a).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(digestOf('lock', 1, { y: 2, x: 1 })).toBe(a);
    expect(digestOf('lock', 2, { x: 1, y: 2 })).not.toBe(a);
    expect(digestOf('tool', 1, { x: 1, y: 2 })).not.toBe(a);
  });
});
