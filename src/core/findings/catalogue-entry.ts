import type { Severity } from './severity.js';

/** One documented finding code. Docs (docs/findings.md) and SARIF rules are generated from these. */
export interface CatalogueEntry {
  /** Short title, sentence case, no final stop. */
  readonly title: string;
  readonly severity: Severity;
  /** Why it matters: one or two sentences. */
  readonly explanation: string;
  /** What the user should do. */
  readonly remedy: string;
}

export type CatalogueOf<Prefix extends string> = Readonly<Record<`${Prefix}/${string}`, CatalogueEntry>>;
