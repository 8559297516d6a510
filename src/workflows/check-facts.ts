import type { CheckFacts } from '../core/report/report.js';
import type { FetchedVersion } from './gather/fetch-version.js';
import type { SnapshotEvidence } from './gather/snapshot.js';
import type { LockFile } from '../core/workspace/lock-file.js';
import type { ProvenancePin } from '../core/workspace/allowlist-entry.js';

/** Which stages of a review ran and what they saw; the report judges each check from these and the findings. */
export interface StagesSeen {
  fetched?: FetchedVersion | undefined;
  bytesMismatch?: boolean | undefined;
  lock?: LockFile | undefined;
  provenance?: { pin: ProvenancePin } | undefined;
  snapshot?: SnapshotEvidence | null | undefined;
  manifestCompared: boolean;
}

export function checkFacts(version: string, seen: StagesSeen): CheckFacts {
  const facts: CheckFacts = { version };
  if (seen.fetched || seen.bytesMismatch) facts.bytes = true;
  if (seen.lock) facts.closure = { packages: Object.keys(seen.lock.packages).length };
  const status = seen.provenance?.pin.status;
  if (status && status !== 'unchecked') facts.provenance = status;
  if (seen.snapshot)
    facts.snapshot = { starts: seen.snapshot.starts, ...(seen.snapshot.settled ? { settled: true as const } : {}) };
  if (seen.manifestCompared) facts.manifestCompared = true;
  return facts;
}

/** A first pin has nothing to compare with: its closure is "resolved" and its whole manifest "reviewed". */
export function firstPinFacts(version: string, seen: Omit<StagesSeen, 'manifestCompared'>): CheckFacts {
  const facts = checkFacts(version, { ...seen, manifestCompared: false });
  if (facts.closure) facts.closure.compared = false;
  const m = seen.snapshot?.manifest;
  if (m) facts.manifestReviewed = { tools: m.tools.length, prompts: m.prompts.length, resources: m.resources.length };
  return facts;
}
