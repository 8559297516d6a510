import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { canonicalJsonChunks } from '../../../src/core/canonical-json-chunks.js';
import { canonicalJson, digestOf, sortKeys } from '../../../src/core/canonical-json.js';

const samples: unknown[] = [
  null,
  true,
  0,
  -1.5e300,
  Number.NaN,
  '',
  'plain',
  'quote " backslash \\ newline \n tab \t nul \u0000 del \u007f',
  '😀 pair, lone \ud800 high, lone \udc00 low, bidi \u202e',
  [],
  {},
  [1, 'a', null, undefined, [], {}, [[]], { b: 1, a: [2, { d: undefined, c: 3 }] }],
  { z: 1, a: undefined, m: { y: [1, 2], x: {} }, é: 'x', B: 'upper', '': 'empty key' },
  { when: new Date(0), list: new Set([1]) },
];

describe('canonicalJsonChunks', () => {
  it.each([0, 2])('joins to JSON.stringify(sortKeys(value), null, %i) for every kind of value', (indent) => {
    for (const value of samples) {
      for (const size of [1, 3, 7, 1024]) {
        expect([...canonicalJsonChunks(value, indent, size)].join('')).toBe(
          JSON.stringify(sortKeys(value), null, indent),
        );
      }
    }
  });

  it('cuts long strings into bounded pieces without splitting a surrogate pair', () => {
    const long = 'ab😀'.repeat(10_000) + '\ud83d';
    const value = { long, list: [long, 'x'] };
    const pieces = [...canonicalJsonChunks(value, 2, 4096)];
    expect(pieces.join('') === JSON.stringify(sortKeys(value), null, 2)).toBe(true);
    expect(Math.max(...pieces.map((p) => p.length))).toBeLessThan(3 * 4096);
    expect(pieces.length).toBeGreaterThan(10);
  });

  it('gives the same digest as hashing the whole compact text', () => {
    const value = { tools: [{ name: 't', description: 'x'.repeat(200_000) + '\u2028' }] };
    const whole = createHash('sha256')
      .update('mcp-vet/tool/v1\n')
      .update(JSON.stringify(sortKeys(value)))
      .digest('hex');
    expect(digestOf('tool', 1, value)).toBe(`sha256:${whole}`);
    expect([...canonicalJsonChunks(value, 2)].join('') + '\n').toBe(canonicalJson(value));
  });
});
