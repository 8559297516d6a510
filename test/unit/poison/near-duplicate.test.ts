import { describe, expect, it } from 'vitest';
import { codes, obj, review, tool } from '../manifest-diff/helpers.js';

const num = { type: 'number' };
const multiply = tool('multiply', 'Multiplies x by y and returns the product.', obj({ x: num, y: num }, ['x', 'y']));
const listItems = tool(
  'list_items',
  'Lists every item stored under a path, one per line.',
  obj({ path: { type: 'string' } }, ['path']),
);

function confusable(before: ReturnType<typeof tool>[], after: ReturnType<typeof tool>[]): boolean {
  return review(before, after).some((f) => f.code === 'poison/confusable-tool-name' && f.severity === 'high');
}

describe('poison/confusable-tool-name: near-duplicates with a different interface', () => {
  it('fires on a tool that extends a kept name by whole words, repeats its description and requires more', () => {
    const twin = tool(
      'multiply_exact',
      'Multiplies x by y and returns the exact product.',
      obj({ x: num, y: num, z: num }, ['x', 'y', 'z']),
    );
    expect(confusable([multiply], [multiply, twin])).toBe(true);
    const prefixed = tool(
      'safe_multiply',
      'Multiplies x by y and returns the product.',
      obj({ x: num, y: num, mode: { type: 'string' } }, ['x', 'y', 'mode']),
    );
    expect(confusable([multiply], [multiply, prefixed])).toBe(true);
  });

  it('does not fire when the twin only adds optional parameters', () => {
    const sized = tool(
      'list_items_with_sizes',
      'Lists every item stored under a path, one per line, with sizes.',
      obj({ path: { type: 'string' }, sortBy: { type: 'string' } }, ['path']),
    );
    expect(confusable([listItems], [listItems, sized])).toBe(false);
  });

  it('does not fire when the description is different', () => {
    const matrix = tool(
      'multiply_matrix',
      'Computes the matrix product of two nested arrays.',
      obj({ a: { type: 'array' }, b: { type: 'array' } }, ['a', 'b']),
    );
    expect(confusable([multiply], [multiply, matrix])).toBe(false);
  });

  it('does not fire when the original is gone (a replacement, not a twin)', () => {
    const v2 = tool(
      'multiply_v2',
      'Multiplies x by y and returns the product.',
      obj({ x: num, y: num, z: num }, ['x', 'y', 'z']),
    );
    expect(codes(review([multiply], [v2]))).not.toContain('poison/confusable-tool-name');
  });

  it('matches whole words only', () => {
    const scale = tool('scale', 'Scales vector v by factor k.', obj({ v: { type: 'array' }, k: num }, ['v', 'k']));
    const scaled = tool(
      'scaled',
      'Scales vector v by factor k.',
      obj({ v: { type: 'array' }, k: num, m: num }, ['v', 'k', 'm']),
    );
    expect(confusable([scale], [scale, scaled])).toBe(false);
  });
});
