import type { AdvisoryResult, PackumentFacts } from '../registry-signals/index.js';

/** What the registry says of a package, gathered once per subject. */
export interface RegistryFacts {
  packument: PackumentFacts;
  now: Date;
  policy?: { minReleaseAgeDays?: number };
  /** undefined: advisories were not asked for (or could not be: then a stage finding says so) */
  advisories?: AdvisoryResult;
}
