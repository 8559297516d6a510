import { describe, expect, it } from 'vitest';
import type { VetError } from '../../../src/core/errors.js';
import { parseShard, shardItems } from '../../../src/core/shard.js';

/** Names shaped like real pins: scoped and unscoped, sharing prefixes. */
const PINS = Array.from({ length: 100 }, (_, i) =>
  i % 3 === 0
    ? `@org-${i % 7}/mcp-server-${i}`
    : i % 3 === 1
      ? `mcp-${i}-server`
      : `server-${String(i).padStart(3, '0')}`,
);
const id = (s: string) => s;

describe('--shard I/N', () => {
  it('parses I/N and refuses anything else with a usage error', () => {
    expect(parseShard('2/4')).toEqual({ index: 2, count: 4 });
    expect(parseShard('1/1')).toEqual({ index: 1, count: 1 });
    for (const bad of ['0/4', '5/4', '1/0', '2', 'a/b', '1/4/2', '-1/4', '1/999'])
      expect(() => parseShard(bad), bad).toThrow(expect.objectContaining({ code: 'USAGE' }) as VetError);
  });

  it('for n = 1…8 over 100 pins: shards are disjoint, their union is every pin, sizes within ±30%', () => {
    for (let n = 1; n <= 8; n++) {
      const shards = Array.from({ length: n }, (_, i) => shardItems(PINS, id, { index: i + 1, count: n }));
      const all = shards.flat();
      expect(new Set(all).size, `n=${n}: disjoint`).toBe(all.length);
      expect([...all].sort(), `n=${n}: union`).toEqual([...PINS].sort());
      const sizes = shards.map((s) => s.length);
      const mean = PINS.length / n;
      for (const size of sizes) {
        expect(size, `n=${n}: ${sizes.join(',')}`).toBeGreaterThanOrEqual(mean * 0.7);
        expect(size, `n=${n}: ${sizes.join(',')}`).toBeLessThanOrEqual(mean * 1.3);
      }
    }
  });

  it('is stable: the order of the list does not matter, and a new pin moves few others', () => {
    const reversed = [...PINS].reverse();
    for (let i = 1; i <= 4; i++)
      expect(shardItems(reversed, id, { index: i, count: 4 }).sort()).toEqual(
        shardItems(PINS, id, { index: i, count: 4 }).sort(),
      );
    const shardOf = (names: string[]) => {
      const at = new Map<string, number>();
      for (let i = 1; i <= 4; i++) for (const n of shardItems(names, id, { index: i, count: 4 })) at.set(n, i);
      return at;
    };
    const before = shardOf(PINS);
    const after = shardOf([...PINS, 'brand-new-server']);
    const moved = PINS.filter((p) => before.get(p) !== after.get(p));
    expect(moved.length).toBeLessThan(PINS.length / 4);
  });

  it('gives empty shards, not errors, when there are more shards than pins', () => {
    const sizes = [1, 2, 3, 4].map((i) => shardItems(['a', 'b'], id, { index: i, count: 4 }).length);
    expect(sizes.sort()).toEqual([0, 0, 1, 1]);
  });
});
