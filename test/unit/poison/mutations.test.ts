import { describe, expect, it } from 'vitest';
import { parseManifestInput } from '../../../src/core/manifest-diff/input.js';
import { reviewManifestChange, reviewWholeManifest } from '../../../src/core/manifest-diff/review.js';
import { signalOnlyRules } from '../../../src/core/poison/index.js';
// @ts-expect-error plain JS generator shared with scripts/eval-corpus.mjs
import { generateVariants } from '../../../scripts/lib/mutations.mjs';

interface Variant {
  id: string;
  cls: string;
  lang: string;
  field: string;
  expect: 'medium' | 'high' | 'critical';
  before: unknown;
  after: unknown;
}
const RANK: Record<string, number> = { info: 0, low: 1, medium: 2, high: 3, critical: 4 };

function worst(findings: ReadonlyArray<{ code: string; severity: string }>): number {
  return Math.max(0, ...findings.filter((f) => f.code.startsWith('poison/')).map((f) => RANK[f.severity]!));
}

/**
 * The mutation suite: per attack class, variants drawn from a seed (other commands, paths, hosts,
 * tools, phrasings, nine languages, every field, obfuscations). Each must reach its severity as an
 * update and as a first pin, with the fused judgement alone (no phrase rules).
 */
describe('mutation suite (scripts/lib/mutations.mjs)', () => {
  for (const seed of [1, 2]) {
    it(`seed ${seed}: every variant reaches its severity`, () => {
      const variants = generateVariants(seed, 60) as Variant[];
      expect(variants.length).toBeGreaterThanOrEqual(500);
      const classes = new Set(variants.map((v) => v.cls));
      expect(classes.size).toBeGreaterThanOrEqual(12);
      expect(new Set(variants.map((v) => v.lang)).size).toBe(9);
      const failed: string[] = [];
      for (const v of variants) {
        const before = parseManifestInput(v.before, 'before');
        const after = parseManifestInput(v.after, 'after');
        const opts = { rules: signalOnlyRules };
        const update = worst(reviewManifestChange(before, after, v.id, opts).findings);
        const first = worst(reviewWholeManifest(after, v.id, opts).findings);
        if (update < RANK[v.expect]! || first < RANK[v.expect]!) failed.push(`${v.id} update=${update} first=${first}`);
      }
      expect(failed).toEqual([]);
    });
  }

  it('the unchanged base manifest raises nothing at high or above', () => {
    const [v] = generateVariants(1, 1) as Variant[];
    const base = parseManifestInput(v!.before, 'base');
    expect(worst(reviewWholeManifest(base, 'base').findings)).toBeLessThan(RANK['high']!);
  });
});
