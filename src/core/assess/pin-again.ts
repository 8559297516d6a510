import { finding, type Finding } from '../findings/finding.js';
import { atLeast, type Severity } from '../findings/severity.js';
import { reviewManifestChange } from '../manifest-diff/review.js';
import type { ManifestView } from '../manifest-diff/view.js';
import type { ClosureReview } from '../closure/evidence.js';
import { closureFindings } from '../closure/findings.js';
import { diffLocks } from '../package/lock-diff.js';
import type { PackageVersion } from '../package-diff/input.js';
import { unsafeEntryFindings } from '../package-diff/unsafe-entries.js';
import { registrySignals } from '../registry-signals/index.js';
import type { LockFile } from '../workspace/lock-file.js';
import { pinnedBytesFindings, type PinnedBytesObservation } from './pinned-bytes.js';
import type { RegistryFacts } from './registry-facts.js';

/** Everything gathered about the pinned version, checked again today. */
export interface PinAgainEvidence {
  pin: { name: string; version: string; integrity: string };
  bytes: PinnedBytesObservation;
  /** the pinned version as fetched again */
  package?: PackageVersion;
  /** the stored lock and the closure resolved today */
  pinnedLock?: LockFile;
  lockNow?: LockFile;
  /** the content review of the closure's added and changed packages (absent: they are unreviewed) */
  closure?: ClosureReview;
  registry?: RegistryFacts;
  /** the closure digest the pin records and that of the same lock installed again today */
  tree?: { approved: string; now: string };
  /** the stored manifest and today's snapshot */
  manifests?: { before: ManifestView; after: ManifestView };
}

/** Differences of a re-snapshot that say nothing about the server changing its mind. */
const RUN_NOISE = new Set([
  'manifest/unstable',
  'manifest/stdout-noise',
  'manifest/list-changed',
  'manifest/list-failed',
  'manifest/sandbox-denied',
  'manifest/env-echoed',
]);

/**
 * The pinned version again: still the pinned bytes, its tarball's unsafe entries, the closure
 * against the stored lock, what the registry says of it now (unpublished, deprecated, advisories),
 * and a re-snapshot against the stored manifest (a change with no release is itself a finding). Pure.
 */
export function assessPinAgain(e: PinAgainEvidence): Finding[] {
  const subject = `${e.pin.name}@${e.pin.version}`;
  const findings: Finding[] = [...pinnedBytesFindings(e.pin, e.bytes)];
  if (e.package) findings.push(...unsafeEntryFindings(subject, e.package));
  if (e.pinnedLock && e.lockNow)
    findings.push(...closureFindings(subject, diffLocks(e.pinnedLock, e.lockNow), e.closure));
  if (e.tree && e.tree.now !== e.tree.approved)
    findings.push(
      finding('package/closure-tree-changed', {
        subject,
        message: `installing the pinned closure of ${subject} again gives tree digest ${e.tree.now}, not the approved ${e.tree.approved}`,
        location: { kind: 'server', name: e.pin.name },
        evidence: { expected: e.tree.approved, found: e.tree.now },
      }),
    );
  if (e.registry)
    findings.push(
      ...registrySignals({
        name: e.pin.name,
        pinned: e.pin.version,
        candidate: e.pin.version,
        packument: e.registry.packument,
        now: e.registry.now,
        ...(e.registry.policy ? { policy: e.registry.policy } : {}),
        ...(e.registry.advisories ? { advisories: e.registry.advisories } : {}),
      }),
    );
  if (e.manifests) {
    const review = reviewManifestChange(e.manifests.before, e.manifests.after, subject).findings;
    findings.push(...review);
    const changed = review.filter((f) => !RUN_NOISE.has(f.code));
    if (changed.length > 0)
      findings.push(
        finding('manifest/changed-without-release', {
          subject,
          severity: worst(changed),
          message: `running ${subject} again gives a different manifest (${changed.length} change(s)) with no new release`,
          location: { kind: 'server', name: e.pin.name },
        }),
      );
  }
  return findings;
}

function worst(findings: readonly Finding[]): Severity {
  if (findings.some((f) => atLeast(f.severity, 'high'))) return 'high';
  if (findings.some((f) => atLeast(f.severity, 'medium'))) return 'medium';
  return findings.some((f) => f.severity === 'low') ? 'low' : 'info';
}
