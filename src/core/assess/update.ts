import { assessBehaviourUpdate } from '../behaviour/compare-behaviour.js';
import type { BehaviourRecord } from '../behaviour/record.js';
import type { Finding } from '../findings/finding.js';
import { reviewManifestChange } from '../manifest-diff/review.js';
import type { ManifestView } from '../manifest-diff/view.js';
import { nameFindings } from '../names/confusable.js';
import type { ClosureReview } from '../closure/evidence.js';
import { closureFindings } from '../closure/findings.js';
import { diffLocks } from '../package/lock-diff.js';
import { diffPackages, type PackageVersion } from '../package-diff/index.js';
import { reviewPackageVersion } from '../package-diff/version-review.js';
import { registrySignals } from '../registry-signals/index.js';
import type { LockFile } from '../workspace/lock-file.js';
import type { RegistryFacts } from './registry-facts.js';

/** Everything gathered about a candidate version next to the pin it would replace. */
export interface UpdateEvidence {
  name: string;
  pinnedVersion: string;
  version: string;
  /** the pinned version's package as fetched (absent when it could not be: then the candidate is reviewed on its own) */
  pinned?: PackageVersion;
  candidate?: PackageVersion;
  /** the pinned lock (stored evidence) and the candidate's closure */
  pinnedLock?: LockFile;
  candidateLock?: LockFile;
  /** the content review of the closure's added and changed packages (absent: they are unreviewed) */
  closure?: ClosureReview;
  registry?: RegistryFacts;
  allowlisted: readonly string[];
  /** the stored manifest of the pin and the candidate's snapshot */
  manifests?: { before: ManifestView; after: ManifestView };
  /** what the candidate's first start attempted, and the pinned version's record (absent in older pins) */
  behaviour?: { pinned?: BehaviourRecord; candidate: BehaviourRecord };
}

/**
 * The rug-pull check of an update: the package diff against the pinned version (or, when the
 * pinned version could not be fetched, the candidate's own signals), the closure against the
 * pinned lock (the package's own move excepted), registry signals, the name check and the manifest
 * change with the poisoning rules over what it adds, and what the candidate attempts at start-up
 * that the pinned version did not (spawns, destinations, sockets, denials). Pure.
 */
export function assessUpdate(e: UpdateEvidence): Finding[] {
  const subject = `${e.name}@${e.version}`;
  const findings: Finding[] = [];
  if (e.candidate)
    findings.push(...(e.pinned ? diffPackages(e.pinned, e.candidate).findings : reviewPackageVersion(e.candidate)));
  if (e.pinnedLock && e.candidateLock) {
    // The package itself moving to the candidate version is the update, not a closure change.
    const own = `node_modules/${e.name}`;
    findings.push(
      ...closureFindings(
        subject,
        diffLocks(e.pinnedLock, e.candidateLock).filter((c) => c.path !== own),
        e.closure,
      ),
    );
  }
  if (e.registry)
    findings.push(
      ...registrySignals({
        name: e.name,
        pinned: e.pinnedVersion,
        candidate: e.version,
        packument: e.registry.packument,
        now: e.registry.now,
        ...(e.registry.policy ? { policy: e.registry.policy } : {}),
        ...(e.registry.advisories ? { advisories: e.registry.advisories } : {}),
      }),
    );
  findings.push(...nameFindings(e.name, e.allowlisted, subject));
  if (e.manifests) findings.push(...reviewManifestChange(e.manifests.before, e.manifests.after, subject).findings);
  if (e.behaviour) findings.push(...assessBehaviourUpdate(subject, e.behaviour.pinned, e.behaviour.candidate));
  return findings;
}
