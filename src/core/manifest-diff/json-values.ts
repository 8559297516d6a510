import { compactCanonicalJson } from '../canonical-json.js';

/** Deep equality of two JSON values, by their canonical form. */
export function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a === undefined || b === undefined) return false;
  return compactCanonicalJson(a) === compactCanonicalJson(b);
}

/** A value for evidence: as it is, or its canonical text cut at 1,000 characters. */
export function clipJson(value: unknown): unknown {
  if (value === undefined) return null;
  const text = compactCanonicalJson(value);
  return text.length > 1_000 ? `${text.slice(0, 1_000)}…` : value;
}
