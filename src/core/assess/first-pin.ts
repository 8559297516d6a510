import { finding, type Finding } from '../findings/finding.js';
import type { ManifestView } from '../manifest-diff/view.js';
import { nameFindings } from '../names/confusable.js';
import type { PackageVersion } from '../package-diff/input.js';
import { reviewPackageVersion } from '../package-diff/version-review.js';
import { registrySignals } from '../registry-signals/index.js';
import type { RegistryFacts } from './registry-facts.js';
import { wholeManifestFindings } from './whole-manifest.js';

/** Everything gathered about a version that is about to be pinned for the first time. */
export interface FirstPinEvidence {
  name: string;
  version: string;
  /** absent when the package could not be fetched (a stage finding says why) */
  package?: PackageVersion;
  registry?: RegistryFacts;
  /** the names already on the allowlist */
  allowlisted: readonly string[];
  /** the manifest of the sandboxed start, when the server was started */
  manifest?: ManifestView;
  /** the server was deliberately not started (--no-snapshot): its manifest went through no rule */
  snapshotSkipped?: boolean;
}

/**
 * The full review of a first pin, with no approved version to compare with: the package signals of
 * the version itself, the registry signals, the name check, and the whole manifest through the
 * poisoning rules. Pure.
 */
export function assessFirstPin(e: FirstPinEvidence): Finding[] {
  const subject = `${e.name}@${e.version}`;
  return [
    ...(e.package ? reviewPackageVersion(e.package) : []),
    ...(e.registry
      ? registrySignals({
          name: e.name,
          candidate: e.version,
          packument: e.registry.packument,
          now: e.registry.now,
          ...(e.registry.policy ? { policy: e.registry.policy } : {}),
          ...(e.registry.advisories ? { advisories: e.registry.advisories } : {}),
        })
      : []),
    ...nameFindings(e.name, e.allowlisted, subject),
    ...(e.manifest ? wholeManifestFindings(e.manifest, subject) : []),
    ...(e.snapshotSkipped && !e.manifest ? [notReviewed(subject)] : []),
  ];
}

/** A first pin without a sandboxed start: said as a finding, never passed over in silence. */
function notReviewed(subject: string): Finding {
  return finding('manifest/not-reviewed', {
    subject,
    message: `the server was not started (--no-snapshot), so its tools, prompts and resources went through no poisoning rule; see them with \`mcp-vet snapshot ${subject} --format text\`, then pin it again without --no-snapshot`,
    location: { kind: 'server' },
    evidence: { stage: 'snapshot', skippedBy: '--no-snapshot' },
  });
}
