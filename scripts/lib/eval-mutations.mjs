// Runs the mutation suite (scripts/lib/mutations.mjs) through the review engine in dist/.
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { generateVariants } from './mutations.mjs';

const ROOT = resolve(import.meta.dirname, '..', '..');
const RANK = { info: 0, low: 1, medium: 2, high: 3, critical: 4 };

async function load(rel) {
  return import(pathToFileURL(join(ROOT, 'dist', rel)).href);
}

/**
 * Every variant is reviewed twice: as an update (before → after) and as a first pin (after alone).
 * A variant passes when both reach its expected severity. Returns the rates per class, language,
 * field and obfuscation, and the failures.
 */
export async function evaluateMutations({ seed = 1, count = 80, reviewOptions = {} } = {}) {
  const { reviewManifestChange, reviewWholeManifest } = await load('core/manifest-diff/review.js');
  const { parseManifestInput } = await load('core/manifest-diff/input.js');
  const variants = generateVariants(seed, count);
  const tally = { class: {}, lang: {}, field: {}, obfuscation: {} };
  const failures = [];
  let passed = 0;
  for (const v of variants) {
    const before = parseManifestInput(v.before, 'before');
    const after = parseManifestInput(v.after, 'after');
    const update = maxSeverity(reviewManifestChange(before, after, v.id, reviewOptions).findings);
    const first = maxSeverity(reviewWholeManifest(after, v.id, reviewOptions).findings);
    const ok = RANK[update] >= RANK[v.expect] && RANK[first] >= RANK[v.expect];
    if (ok) passed++;
    else failures.push({ id: v.id, expect: v.expect, update, first, text: v.text.slice(0, 160) });
    for (const [k, key] of [
      ['class', v.cls],
      ['lang', v.lang],
      ['field', v.field],
      ['obfuscation', v.obfuscation],
    ]) {
      const t = (tally[k][key] ??= { n: 0, ok: 0 });
      t.n++;
      if (ok) t.ok++;
    }
  }
  return { seed, total: variants.length, passed, rate: passed / variants.length, tally, failures };
}

function maxSeverity(findings) {
  return findings
    .filter((f) => f.code.startsWith('poison/'))
    .reduce((s, f) => (RANK[f.severity] > RANK[s] ? f.severity : s), 'info');
}
