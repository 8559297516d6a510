import { pinnedBytesFindings, type PinnedBytesObservation } from '../core/assess/pinned-bytes.js';
import type { PinnedEvidence } from '../core/assess/pinned-evidence.js';
import { stageFindings, type StageFailure } from '../core/assess/stage.js';
import { isVetError } from '../core/errors.js';
import { finding, type Finding } from '../core/findings/finding.js';
import { atLeast } from '../core/findings/severity.js';
import { sha512Hex } from '../core/package/integrity.js';
import type { VersionManifest } from '../io/registry.js';
import { runStage } from './gather/stage.js';
import type { Ports } from './ports.js';
import { provenanceStep } from './provenance-step.js';

/**
 * The install gate's check of one pin whose evidence was loaded: online, the pinned bytes fetched
 * again (bypassing the cache); its stored attestations verified offline for the pinned bytes and
 * identity. What fails is one `config/pin-verification-failed` finding listing the reasons (the
 * evidence files' own mismatches are reported by the loader); a stage that cannot complete is a
 * stage finding.
 */
export async function recheckPin(ports: Ports, pinned: PinnedEvidence, online: boolean): Promise<Finding[]> {
  const pin = pinned.pin;
  const label = `${pin.name}@${pin.version}`;
  const failures: StageFailure[] = [];
  const reasons: string[] = [];
  let sha512 = pin.integrity.startsWith('sha512-')
    ? Buffer.from(pin.integrity.slice(7), 'base64').toString('hex')
    : null;
  let manifest: VersionManifest | undefined;
  if (online) {
    const seen = await runStage(ports, failures, 'fetch', label, () => fetchPinned(ports, pin));
    if (seen) {
      manifest = seen.manifest;
      if (seen.tarball) sha512 = sha512Hex(seen.tarball);
      if (seen.unpublished) reasons.push(`${label} is no longer in the registry (unpublished?)`);
      reasons.push(...pinnedBytesFindings(pin, seen.observation).map((f) => f.message));
    }
  }
  if (pin.provenance.status === 'verified' && pinned.attestations) {
    if (!sha512) reasons.push('the pinned integrity is not sha512, so the attestation subject cannot be checked');
    else {
      const attestations = pinned.attestations;
      const digest = sha512;
      const outcome = await runStage(ports, failures, 'provenance', label, () =>
        provenanceStep(
          ports,
          {
            name: pin.name,
            version: pin.version,
            sha512: digest,
            packageJson: pinned.meta?.repository ? { repository: pinned.meta.repository } : null,
            ...(manifest ? { manifest } : {}),
          },
          { attestations, pinned: pin.provenance, online },
        ),
      );
      if (outcome) {
        const serious = outcome.findings.filter((f) => atLeast(f.severity, 'high'));
        for (const f of serious) reasons.push(`${f.code}: ${f.message}`);
        if (outcome.pin.status !== 'verified' && serious.length === 0)
          reasons.push('the stored attestations no longer verify');
      }
    }
  }
  const out = stageFindings(failures);
  if (reasons.length > 0)
    out.push(
      finding('config/pin-verification-failed', {
        subject: label,
        message: `${label} fails re-verification: ${reasons[0]}${reasons.length > 1 ? ` (and ${reasons.length - 1} more)` : ''}`,
        location: {
          kind: 'allowlist',
          name: pin.name,
          file: ports.workspace.display(ports.workspace.entryFile(pin.name)),
        },
        evidence: { reasons },
      }),
    );
  return out;
}

/** The pinned version and its bytes, fetched again; a refused integrity is an observation, not a failure. */
async function fetchPinned(
  ports: Ports,
  pin: { name: string; version: string; integrity: string },
): Promise<{
  manifest?: VersionManifest;
  tarball?: Buffer;
  unpublished?: boolean;
  observation: PinnedBytesObservation;
}> {
  const packument = await ports.registry.packument(pin.name);
  const manifest = packument.versions[pin.version];
  if (!manifest) return { unpublished: true, observation: {} };
  const observation: PinnedBytesObservation = { registryIntegrity: manifest.dist.integrity ?? '' };
  try {
    const tarball = await ports.tarballs.fetch(manifest, pin.integrity, { fresh: true });
    return { manifest, tarball, observation: { ...observation, fetched: { outcome: 'match' } } };
  } catch (err) {
    if (!isVetError(err) || err.code !== 'INTEGRITY_MISMATCH') throw err;
    return { manifest, observation: { ...observation, fetched: { outcome: 'mismatch' } } };
  }
}
