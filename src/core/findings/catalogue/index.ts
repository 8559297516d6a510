import type { CatalogueEntry } from '../catalogue-entry.js';
import { behaviourCatalogue } from './behaviour.js';
import { configCatalogue } from './config.js';
import { manifestCatalogue } from './manifest.js';
import { packageCatalogue } from './package.js';
import { evidenceCatalogue, stageCatalogue } from './pipeline.js';
import { poisonCatalogue } from './poison.js';
import { provenanceCatalogue } from './provenance.js';

/** The single catalogue of finding codes. A code that is not here does not compile. */
export const catalogue = {
  ...packageCatalogue,
  ...provenanceCatalogue,
  ...manifestCatalogue,
  ...poisonCatalogue,
  ...configCatalogue,
  ...evidenceCatalogue,
  ...stageCatalogue,
  ...behaviourCatalogue,
} as const;

export type FindingCode = keyof typeof catalogue;

export function catalogueEntry(code: FindingCode): CatalogueEntry {
  return catalogue[code];
}

export function allFindingCodes(): FindingCode[] {
  return (Object.keys(catalogue) as FindingCode[]).sort();
}
