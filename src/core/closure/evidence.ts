import type { Finding } from '../findings/finding.js';
import type { Severity } from '../findings/severity.js';
import type { LockChange } from '../package/lock-diff.js';
import type { PackageVersion } from '../package-diff/input.js';
import type { PackumentFacts } from '../registry-signals/input.js';

/** A closure change whose content is reviewed: a package new to the closure, or another version of one. */
export type ReviewedChange = Extract<LockChange, { kind: 'added' | 'version-changed' }>;

export function isReviewedChange(c: LockChange): c is ReviewedChange {
  return c.kind === 'added' || c.kind === 'version-changed';
}

/** What was gathered about one changed package of the closure. Pure data. */
export interface ClosurePackageEvidence {
  change: ReviewedChange;
  /** the version the closure now resolves to, as fetched (integrity-checked); absent when it could not be */
  after?: PackageVersion;
  /** for a version change, the version the pinned lock records, as fetched */
  before?: PackageVersion;
  /** the package's registry metadata (release times, maintainers) */
  packument?: PackumentFacts;
  /** why `after` is missing */
  missing?: string;
  /** the bytes served did not match the integrity the lock records */
  bytesRefused?: boolean;
}

/** How a changed closure package was judged: what its content holds, and how fresh it is. */
export type ClosureOutcome = 'hostile' | 'notable' | 'clean' | 'unreviewed' | 'bytes-refused';

/** One package signal seen in a changed closure package, kept as evidence. */
export type ClosureSignal = Pick<Finding, 'code' | 'severity' | 'message' | 'location' | 'evidence'>;

export interface ClosureJudgement {
  path: string;
  outcome: ClosureOutcome;
  severity: Severity;
  /** the signals that decided the outcome (hostile and notable), most severe first */
  signals: ClosureSignal[];
  /** what the new version was compared with: the version the pinned lock records, or nothing */
  against?: 'previous' | 'nothing';
  /** the registry's publication time of the new version, and its age then */
  published?: string;
  ageDays?: number;
  /** unreviewed: why */
  reason?: string;
}

/** The content review of a closure's changes: one judgement per reviewed path, the rest over the cap. */
export interface ClosureReview {
  judgements: readonly ClosureJudgement[];
  /** paths of added or changed packages not reviewed because there were more than `cap` */
  capped: readonly string[];
  cap: number;
}
