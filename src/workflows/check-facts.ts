import type { CheckFacts } from '../core/report/report.js';
import type { FetchedVersion } from './gather/fetch-version.js';
import type { SnapshotEvidence } from './gather/snapshot.js';
import type { LockFile } from '../core/workspace/lock-file.js';
import type { ProvenancePin } from '../core/workspace/allowlist-entry.js';

/** Which stages of a review ran and what they saw; the report judges each check from these and the findings. */
export function checkFacts(
  version: string,
  seen: {
    fetched?: FetchedVersion | undefined;
    bytesMismatch?: boolean | undefined;
    lock?: LockFile | undefined;
    provenance?: { pin: ProvenancePin } | undefined;
    snapshot?: SnapshotEvidence | null | undefined;
    manifestCompared: boolean;
  },
): CheckFacts {
  const facts: CheckFacts = { version };
  if (seen.fetched || seen.bytesMismatch) facts.bytes = true;
  if (seen.lock) facts.closure = { packages: Object.keys(seen.lock.packages).length };
  const status = seen.provenance?.pin.status;
  if (status && status !== 'unchecked') facts.provenance = status;
  if (seen.snapshot) facts.snapshot = { starts: seen.snapshot.starts };
  if (seen.manifestCompared) facts.manifestCompared = true;
  return facts;
}
