import { digestOf } from '../core/canonical-json.js';
import { VetError, isVetError } from '../core/errors.js';
import { finding, type Finding } from '../core/findings/finding.js';
import { Manifest } from '../core/manifest/format.js';
import { parseManifestInput } from '../core/manifest-diff/input.js';
import { reviewManifestChange } from '../core/manifest-diff/review.js';
import { closureFindings } from '../core/package/closure-findings.js';
import { diffLocks } from '../core/package/lock-diff.js';
import { AttestationsFile } from '../core/provenance/attestations-doc.js';
import { formatSpec } from '../core/spec.js';
import { ALLOWLIST_ENTRY_SCHEMA_ID, type AllowlistEntry } from '../core/workspace/allowlist-entry.js';
import type { SnapshotFiles, Workspace } from '../io/workspace.js';
import { fetchCandidate, type Candidate } from './fetch-candidate.js';
import { contentBudget, pinnedVersionFindings, registryAdvisories, type AdvisoryFetcher } from './package-diff.js';
import { registrySignals } from '../core/registry-signals/index.js';
import { candidateProvenance, type ProvenanceOptions } from './provenance-step.js';
import type { Services } from './services.js';
import { snapshotStep, type SnapshotOptions } from './snapshot.js';

export interface EvaluateOptions {
  allowSha1?: boolean;
  /** --trusted-root, --provenance-registry, --expect-* */
  provenance?: Pick<ProvenanceOptions, 'trustedRoot' | 'provenanceRegistry' | 'expect'>;
  /** sandbox settings for the manifest snapshot; false: do not run the server */
  snapshot?: SnapshotOptions | false;
  /** where advisories come from (drift: one bulk request for all pins); default: one request */
  advisories?: AdvisoryFetcher;
  /** the allowlisted names, when the caller has read them already (drift) */
  allowlistNames?: readonly string[];
  /** runs the snapshot step (drift: a few at a time, however many pins are checked at once) */
  snapshotSlot?: <T>(step: () => Promise<T>) => Promise<T>;
}

/** What one version looks like next to its pin, and the evidence to store if it is approved. */
export interface Evaluation {
  subject: string;
  from: string;
  to: string;
  findings: Finding[];
  /** absent when the bytes could not be verified (then there is nothing to approve) */
  approvable?: { entry: Omit<AllowlistEntry, 'approved'>; evidence: SnapshotFiles };
}

/**
 * The whole pipeline for one version of a pinned server, against the pin: integrity, dependency
 * closure, package and registry signals (for another version), provenance (stored attestations
 * for the pinned version), a sandboxed snapshot and its diff against the stored manifest.
 * Reads the workspace; writes nothing.
 */
export async function evaluateCandidate(
  services: Services,
  workspace: Workspace,
  pin: AllowlistEntry,
  version: string,
  options: EvaluateOptions = {},
): Promise<Evaluation> {
  const subject = formatSpec(pin.name, version);
  const samePin = version === pin.version;
  const pinnedLock = await workspace.readLock(pin.name, pin.version);
  if (!pinnedLock) {
    throw new VetError(
      'INVALID_FILE',
      `${workspace.display(workspace.snapshotDir(pin.name, pin.version))}/lock.json is missing; re-pin ${pin.name} with mcp-vet add`,
      { details: { package: pin.name } },
    );
  }
  const findings: Finding[] = [];
  const evaluation: Evaluation = { subject, from: pin.version, to: version, findings };
  const packument = await services.registry.packument(pin.name);
  if (samePin) {
    // Deprecation, advisories, an unpublished pin: what the registry says of the approved version.
    const advisories = await (options.advisories ?? registryAdvisories)(services, pin.name, [pin.version]);
    findings.push(
      ...registrySignals({
        name: pin.name,
        pinned: pin.version,
        candidate: version,
        packument,
        policy: pin.policy,
        now: services.now(),
        advisories,
      }),
    );
    if (!packument.versions[version]) return evaluation;
  }
  const { manifest } = await services.registry.resolve({ name: pin.name, wanted: version, kind: 'version' });
  if (samePin && manifest.dist.integrity && !manifest.dist.integrity.split(/\s+/).includes(pin.integrity)) {
    findings.push(
      finding('package/integrity-changed', {
        subject,
        message: `the registry now reports ${manifest.dist.integrity} for ${subject}, pinned as ${pin.integrity}`,
        location: { kind: 'package', name: pin.name },
        evidence: { before: pin.integrity, after: manifest.dist.integrity },
      }),
    );
  }
  let candidate: Candidate;
  try {
    candidate = await fetchCandidate(
      services,
      { name: pin.name, wanted: version, kind: 'version' },
      {
        allowSha1: options.allowSha1 === true || pin.integrity.startsWith('sha1-'),
        fresh: true,
        lockHint: pinnedLock,
        ...(samePin ? {} : { keepContent: contentBudget() }),
      },
    );
  } catch (err) {
    if (!(isVetError(err) && err.code === 'VERIFICATION_FAILED' && /integrity/.test(err.message))) throw err;
    findings.push(
      finding('package/integrity-mismatch', {
        subject,
        message: `the bytes served for ${subject} do not match ${samePin ? 'the pinned integrity' : 'the registry integrity'}`,
        location: { kind: 'package', name: pin.name },
        evidence: { expected: samePin ? pin.integrity : (manifest.dist.integrity ?? ''), error: err.message },
      }),
    );
    return evaluation;
  }
  findings.push(...candidate.findings);
  if (samePin && candidate.integrity !== pin.integrity) {
    findings.push(
      finding('package/integrity-mismatch', {
        subject,
        message: `${subject} now has integrity ${candidate.integrity}, pinned as ${pin.integrity}`,
        location: { kind: 'package', name: pin.name },
        evidence: { before: pin.integrity, after: candidate.integrity },
      }),
    );
  }
  // The package itself moving to the candidate version is the update, not a closure change.
  const ownPath = `node_modules/${pin.name}`;
  findings.push(
    ...closureFindings(
      subject,
      diffLocks(pinnedLock, candidate.lock).filter((c) => samePin || c.path !== ownPath),
    ),
  );
  // Another version than the pin: package diff, registry signals and the name check.
  if (!samePin) {
    const given = {
      ...(options.advisories ? { advisories: options.advisories } : {}),
      ...(options.allowlistNames ? { names: options.allowlistNames } : {}),
    };
    findings.push(...(await pinnedVersionFindings(services, workspace, pin, candidate, given)));
  }
  // Attestations stored when the pin was made verify the pinned version with no registry at all.
  const stored =
    samePin && pin.provenance.status === 'verified'
      ? await workspace.readSnapshotFile(pin.name, pin.version, 'attestations.json', AttestationsFile)
      : null;
  const provenance = await candidateProvenance(services.registry, candidate, {
    ...options.provenance,
    pinned: pin.provenance,
    requireProvenance: pin.policy.requireProvenance === true,
    ...(stored ? { attestations: stored } : {}),
  });
  findings.push(...provenance.findings);
  const step = () =>
    snapshotStep(services, candidate, pin.launch, options.snapshot ?? { sandbox: pin.launch.sandbox ?? 'strict' });
  const snap = await (options.snapshotSlot ? options.snapshotSlot(step) : step());
  let manifestPin: AllowlistEntry['manifest'] = { status: 'unchecked' };
  if (snap) {
    findings.push(...snap.findings);
    manifestPin = snap.pin;
    const before = await workspace.readSnapshotFile(pin.name, pin.version, 'manifest.json', Manifest);
    if (before) {
      const review = reviewManifestChange(
        parseManifestInput(before, `${pin.name}@${pin.version}/manifest.json`),
        parseManifestInput(snap.manifest, subject),
        subject,
      );
      findings.push(...review.findings);
    }
  }
  evaluation.approvable = {
    entry: {
      $schema: ALLOWLIST_ENTRY_SCHEMA_ID,
      name: pin.name,
      version: candidate.version,
      integrity: candidate.integrity,
      provenance: provenance.pin,
      manifest: manifestPin,
      dependencies: {
        digest: digestOf('lock', 1, candidate.lock.packages),
        count: Object.keys(candidate.lock.packages).length,
      },
      launch:
        options.snapshot && options.snapshot.sandbox !== (pin.launch.sandbox ?? 'strict')
          ? { ...pin.launch, sandbox: options.snapshot.sandbox }
          : pin.launch,
      policy: pin.policy,
    },
    evidence: {
      'lock.json': candidate.lock,
      'package.json': candidate.meta,
      'attestations.json': provenance.attestations,
      'manifest.json': snap?.manifest,
    },
  };
  return evaluation;
}
