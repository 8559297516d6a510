import type { Finding } from '../core/findings/finding.js';
import { sha512Hex } from '../core/package/integrity.js';
import type { AttestationsDoc } from '../core/provenance/attestations-doc.js';
import { evaluateBundles, type BundleResult, type Evaluation } from '../core/provenance/evaluate.js';
import { checkExpectation, compareWithPin, type IdentityExpectation } from '../core/provenance/identity-compare.js';
import { packageRepositoryUrl } from '../core/provenance/package-repository.js';
import { mergeKeys } from '../core/provenance/registry-keys.js';
import { verifyRegistrySignatures } from '../core/provenance/registry-signatures.js';
import { missingProvenanceFindings } from '../core/provenance/status-findings.js';
import { statusWithoutAttestations } from '../core/provenance/status.js';
import { NPM_PUBLISH_V01 } from '../core/provenance/statement.js';
import type { ProvenancePin } from '../core/workspace/allowlist-entry.js';
import { createBundleVerifier, integratedTime, type BundleVerifier } from '../io/provenance/bundle-verifier.js';
import type { ProvenanceTrust } from '../io/provenance/trust-material.js';
import type { Packument, VersionManifest } from '../io/registry.js';
import type { FetchedVersion } from './gather/fetch-version.js';
import type { Ports } from './ports.js';

/** The version whose provenance is checked. */
export interface ProvenanceSubject {
  name: string;
  version: string;
  /** sha512 of the tarball bytes, lowercase hex */
  sha512: string;
  /** the tarball's package.json, for the repository check */
  packageJson?: Record<string, unknown> | null;
  /** registry metadata; absent in offline mode */
  manifest?: VersionManifest;
  packument?: Packument;
}

export interface ProvenanceOptions {
  /** false: no registry at all (check --offline): only the given attestations are verified */
  online?: boolean;
  /** --provenance-registry URL: where attestations are fetched (default: the package's registry) */
  provenanceRegistry?: string;
  /** --expect-*: identity required explicitly */
  expect?: IdentityExpectation;
  requireProvenance?: boolean;
  /** attestations to verify instead of asking the registry (stored in snapshots/, or --attestations) */
  attestations?: AttestationsDoc;
  /** the pin this version is compared with (verify); absent for add */
  pinned?: ProvenancePin;
}

export interface ProvenanceOutcome {
  pin: ProvenancePin;
  findings: Finding[];
  /** the attestations that were verified, to store as snapshots/<name>/<version>/attestations.json */
  attestations?: AttestationsDoc;
}

/**
 * The provenance step of the pipeline: registry signatures, then the attestations (from the
 * given document, or fetched), verified offline; the signer identity is compared with the pin or
 * with --expect-*. Without attestations the status is `absent` or `unavailable` (see status.ts).
 */
export async function provenanceStep(
  ports: Pick<Ports, 'registry' | 'attestations' | 'trust'>,
  subject: ProvenanceSubject,
  options: ProvenanceOptions = {},
): Promise<ProvenanceOutcome> {
  const online = options.online !== false;
  const label = `${subject.name}@${subject.version}`;
  const source = options.provenanceRegistry ?? (online ? ports.registry.registryFor(subject.name) : 'the registry');
  let doc = options.attestations ?? null;
  if (!doc && online) doc = await ports.attestations.fetch(subject.name, subject.version, source);
  const findings: Finding[] = [];
  const expect = options.expect && Object.keys(options.expect).length > 0 ? options.expect : undefined;
  let pin: ProvenancePin;
  let publishedAt: Date | undefined;
  if (doc) {
    const evaluation = evaluate(await ports.trust.verifyBundles(doc), subject);
    findings.push(...evaluation.findings);
    pin = evaluation.verified ? { status: 'verified', ...evaluation.identity } : { status: 'unchecked' };
    if (evaluation.verified) {
      if (options.pinned?.status === 'verified')
        findings.push(...compareWithPin(label, options.pinned, evaluation.identity));
      else if (options.pinned?.expect)
        findings.push(...checkExpectation(label, options.pinned.expect, evaluation.identity));
      if (expect) findings.push(...checkExpectation(label, expect, evaluation.identity));
    }
    publishedAt = publishTime(doc);
  } else {
    const versions = Object.values(subject.packument?.versions ?? {});
    const status = statusWithoutAttestations({
      versionAdvertises: subject.manifest?.dist.attestations !== undefined,
      otherVersionsAdvertise: versions.some((v) => v.version !== subject.version && v.dist?.attestations !== undefined),
    });
    pin = { status };
    const ctx = {
      subject: label,
      status,
      source,
      ...(options.pinned ? { pinned: options.pinned } : {}),
      ...(options.requireProvenance || expect || options.pinned?.expect ? { requireProvenance: true } : {}),
    };
    findings.push(...missingProvenanceFindings(ctx));
  }
  const keepExpect = expect ?? options.pinned?.expect;
  if (keepExpect) pin.expect = keepExpect;
  findings.push(...(await registrySignatureFindings(ports, online, subject, publishedAt)));
  return doc ? { pin, findings, attestations: doc } : { pin, findings };
}

const verifiers = new WeakMap<ProvenanceTrust, BundleVerifier>();

/** Verifies every bundle of a document against one version's tarball; no network. */
export function verifyAttestations(
  trust: ProvenanceTrust,
  doc: AttestationsDoc,
  subject: Pick<ProvenanceSubject, 'name' | 'version' | 'sha512' | 'packageJson'>,
): Evaluation {
  let verifier = verifiers.get(trust);
  if (!verifier) {
    verifier = createBundleVerifier(trust);
    verifiers.set(trust, verifier);
  }
  const v = verifier;
  return evaluate(
    doc.attestations.map((a, i) => v.verify(a.bundle, attestationLabel(a, i))),
    subject,
  );
}

function attestationLabel(a: AttestationsDoc['attestations'][number], i: number): string {
  return `attestation ${i + 1} (${a.predicateType || 'unknown predicate type'})`;
}

function evaluate(
  results: BundleResult[],
  subject: Pick<ProvenanceSubject, 'name' | 'version' | 'sha512' | 'packageJson'>,
): Evaluation {
  const repo = packageRepositoryUrl(subject.packageJson?.['repository']);
  return evaluateBundles(results, { name: subject.name, version: subject.version, sha512: subject.sha512 }, repo);
}

/** The npm publish attestation's log time is when the version was published. */
function publishTime(doc: AttestationsDoc): Date | undefined {
  const publish = doc.attestations.find((a) => a.predicateType === NPM_PUBLISH_V01);
  return publish ? integratedTime(publish.bundle) : undefined;
}

async function registrySignatureFindings(
  ports: Pick<Ports, 'registry' | 'attestations' | 'trust'>,
  online: boolean,
  subject: ProvenanceSubject,
  fromAttestation: Date | undefined,
): Promise<Finding[]> {
  const dist = subject.manifest?.dist;
  if (!dist?.signatures || dist.signatures.length === 0 || !dist.integrity) return [];
  let keys = await ports.trust.signatureKeys();
  if (online && dist.signatures.some((s) => !keys.some((k) => k.keyid === s.keyid))) {
    keys = mergeKeys(keys, await ports.attestations.registryKeys(ports.registry.registryFor(subject.name)));
  }
  // The publish attestation's log time is exact; the packument's time may be a mirror's ingest date.
  const time = subject.packument?.time?.[subject.version];
  const publishedAt = fromAttestation ?? (time ? new Date(time) : undefined);
  return verifyRegistrySignatures(
    {
      name: subject.name,
      version: subject.version,
      integrity: dist.integrity,
      signatures: dist.signatures,
      ...(publishedAt && !Number.isNaN(publishedAt.getTime()) ? { publishedAt } : {}),
    },
    keys,
  );
}

/** The provenance step for a fetched version (add, verify). */
export function candidateProvenance(
  ports: Pick<Ports, 'registry' | 'attestations' | 'trust'>,
  candidate: FetchedVersion,
  options: ProvenanceOptions = {},
): Promise<ProvenanceOutcome> {
  return provenanceStep(
    ports,
    {
      name: candidate.name,
      version: candidate.version,
      sha512: sha512Hex(candidate.tarball),
      packageJson: candidate.contents.packageJson,
      manifest: candidate.manifest,
      packument: candidate.packument,
    },
    options,
  );
}
