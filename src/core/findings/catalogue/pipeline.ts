import type { CatalogueOf } from '../catalogue-entry.js';

/** Findings about the run itself and the evidence it reads: stages that could not complete, stored evidence that does not match its pin. */
export const evidenceCatalogue = {
  'evidence/mismatch': {
    title: 'Stored evidence does not match the pin',
    severity: 'critical',
    explanation:
      'A file in snapshots/ for the pinned version (lock.json, package.json, manifest.json or attestations.json) is missing, unreadable, or no longer has the digest, counts or integrity that the allowlist entry records. Every later check compares with this evidence, so an edited baseline would hide a rug pull: a poisoned manifest.json makes a poisoned update look unchanged.',
    remedy:
      'Do not trust the pin. Look at the git history of the named file and of the allowlist entry; restore the committed evidence, or re-pin with `mcp-vet add` after review.',
  },
} as const satisfies CatalogueOf<'evidence'>;

export const stageCatalogue = {
  'stage/incomplete': {
    title: 'A verification stage could not complete',
    severity: 'high',
    explanation:
      "One stage of the verification (fetching the package, resolving its dependency closure, checking its provenance, starting it in the sandbox, diffing its manifest) failed for the cause given, so what that stage checks is unknown. The other stages still ran and report their findings. A run with such a stage never passes: it exits 3 unless a finding already fails it. For a sandboxed start the evidence names the step and the JSON-RPC request that failed (evidence.step, evidence.request) and holds the last 20 lines of the server's stderr, escaped (evidence.stderr, one string per line).",
    remedy:
      'Fix the cause named in the finding (the request or permission that failed) and run again; until then treat the subject as not verified.',
  },
} as const satisfies CatalogueOf<'stage'>;
