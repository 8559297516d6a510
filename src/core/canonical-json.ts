import { createHash } from 'node:crypto';
import { canonicalJsonChunks } from './canonical-json-chunks.js';

/**
 * Canonical JSON: object keys sorted by code unit, 2-space indent, trailing newline. Arrays keep
 * their order (callers sort them where order carries no meaning). `undefined` members are dropped.
 */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value), null, 2) + '\n';
}

/** The same, on one line and without the newline: the form that digests are computed over. */
export function compactCanonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

export function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) {
      const v = (value as Record<string, unknown>)[key];
      if (v !== undefined) out[key] = sortKeys(v);
    }
    return out;
  }
  return value;
}

/**
 * `sha256:<hex>` over a format-version prefix and the compact canonical JSON, so a change of format
 * can never collide with a change of content.
 */
export function digestOf(kind: string, formatVersion: number, value: unknown): string {
  const hash = createHash('sha256');
  hash.update(`mcp-vet/${kind}/v${formatVersion}\n`);
  // Hashed piece by piece: a 20 MB manifest is never held as one more string.
  for (const piece of canonicalJsonChunks(value)) hash.update(piece);
  return `sha256:${hash.digest('hex')}`;
}
