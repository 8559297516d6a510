import type { Finding } from '../findings/finding.js';
import { advisoryFindings } from './advisories.js';
import { deprecatedFindings } from './deprecated.js';
import type { RegistryFactsInput } from './input.js';
import { latestBackwardsFindings } from './latest-backwards.js';
import { maintainerFindings } from './maintainers.js';
import { releaseAgeFindings } from './release-age.js';
import { unpublishedFindings } from './unpublished.js';

export type { Advisory, AdvisoryResult, PackumentFacts, RegistryFactsInput } from './input.js';

/** Signals from registry metadata only (no tarballs): age, deprecation, unpublish, tags, owners, advisories. */
export function registrySignals(input: RegistryFactsInput): Finding[] {
  return [
    ...unpublishedFindings(input),
    ...releaseAgeFindings(input),
    ...deprecatedFindings(input),
    ...latestBackwardsFindings(input),
    ...maintainerFindings(input),
    ...advisoryFindings(input),
  ];
}
