import { VetError } from './errors.js';

/** `--shard I/N`: this job runs shard `index` (1-based) of `count`. */
export interface Shard {
  index: number;
  count: number;
}

/** Parses `I/N` (1 <= I <= N <= 256); anything else is a usage error (exit 2). */
export function parseShard(text: string): Shard {
  const m = /^(\d{1,3})\/(\d{1,3})$/.exec(text.trim());
  const index = m ? Number(m[1]) : NaN;
  const count = m ? Number(m[2]) : NaN;
  if (!m || count < 1 || count > 256 || index < 1 || index > count)
    throw new VetError('USAGE', `--shard: expected I/N with 1 <= I <= N <= 256 (e.g. 2/4), got "${text}"`);
  return { index, count };
}

/**
 * The items of one shard. Each name hashes to a preferred shard (FNV-1a, mixed); names are placed in
 * hash order, each in its preferred shard while that shard is below its quota (the sizes differ by
 * at most one), else in the next shard with room. The assignment depends only on the set of names,
 * so every job of a matrix computes the same partition from the same allowlist, and a name keeps
 * its shard unless its preferred shard is full. Shards are disjoint and together hold every item.
 */
export function shardItems<T>(items: readonly T[], nameOf: (item: T) => string, shard: Shard): T[] {
  const { count } = shard;
  const ranked = items
    .map((item) => ({ item, name: nameOf(item), hash: nameHash(nameOf(item)) }))
    .sort((a, b) => a.hash - b.hash || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const base = Math.floor(ranked.length / count);
  const extra = ranked.length % count;
  const quota = (k: number) => base + (k < extra ? 1 : 0);
  const load = new Array<number>(count).fill(0);
  const out: T[] = [];
  for (const r of ranked) {
    let k = r.hash % count;
    while ((load[k] ?? 0) >= quota(k)) k = (k + 1) % count;
    load[k] = (load[k] ?? 0) + 1;
    if (k === shard.index - 1) out.push(r.item);
  }
  return out;
}

/** 32-bit FNV-1a over the UTF-16 code units, with a final avalanche so close names spread apart. */
export function nameHash(name: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < name.length; i++) {
    h ^= name.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}
