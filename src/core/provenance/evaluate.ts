import { finding, type Finding } from '../findings/finding.js';
import { compactIdentity, describeIdentity, normalizeRepositoryUrl, type SignerIdentity } from './identity.js';
import { checkPredicateAgreement } from './slsa-agreement.js';
import { isKnownPredicateType, SLSA_V02, SLSA_V1, type Statement } from './statement.js';
import { checkSubject, type SubjectTarget } from './subject-check.js';

/** The outcome of verifying one Sigstore bundle (done in src/io/provenance). */
export interface BundleResult {
  /** e.g. `attestation 1 (https://slsa.dev/provenance/v1)` */
  label: string;
  ok: boolean;
  /** why verification failed: `<code>: <message>` */
  error?: string;
  /** the DSSE payload, parsed even when verification failed (its claims are then unproven) */
  statement: Statement | null;
  /** the certificate identity, for verified certificate-signed bundles */
  identity?: SignerIdentity;
}

export interface Evaluation {
  /** every bundle verified, is about this tarball, and agrees with its certificate */
  verified: boolean;
  identity: SignerIdentity;
  findings: Finding[];
}

/**
 * Turns bundle results into findings and the build identity. `packageRepository` is the
 * `repository` of the tarball's package.json, as a URL, when it has one.
 */
export function evaluateBundles(
  results: readonly BundleResult[],
  target: SubjectTarget,
  packageRepository?: string,
): Evaluation {
  const subject = `${target.name}@${target.version}`;
  const findings: Finding[] = [];
  let identity: SignerIdentity | undefined;
  let failed = false;
  for (const r of results) {
    const location = { kind: 'provenance', name: r.label };
    if (!r.ok) {
      failed = true;
      findings.push(
        finding('provenance/invalid-bundle', {
          subject,
          message: `${r.label} does not verify: ${r.error ?? 'unknown error'}`,
          location,
          evidence: { error: r.error ?? '' },
        }),
      );
    }
    if (!r.statement) {
      failed = true;
      if (r.ok)
        findings.push(
          finding('provenance/invalid-bundle', {
            subject,
            message: `${r.label}: the signed payload is not an in-toto statement`,
            location,
          }),
        );
      continue;
    }
    const subjectFindings = checkSubject(r.statement, target, r.label);
    if (subjectFindings.length > 0) failed = true;
    findings.push(...subjectFindings);
    if (!r.ok) continue;
    if (!isKnownPredicateType(r.statement.predicateType)) {
      findings.push(
        finding('provenance/unknown-predicate-type', {
          subject,
          message: `${r.label} has predicate type ${r.statement.predicateType}`,
          location,
          evidence: { predicateType: r.statement.predicateType },
        }),
      );
      continue;
    }
    if (isSlsa(r.statement) && r.identity) {
      const agreement = checkPredicateAgreement(r.statement, r.identity, subject, r.label);
      if (agreement.length > 0) failed = true;
      findings.push(...agreement);
      identity ??= r.identity;
    }
  }
  const id = compactIdentity(identity ?? {});
  if (!failed && identity) {
    findings.push(...identityFindings(subject, id, packageRepository));
    findings.push(
      finding('provenance/verified', {
        subject,
        message: `built from ${describeIdentity(id)}`,
        location: { kind: 'provenance' },
        evidence: { ...id },
      }),
    );
  }
  return { verified: !failed && results.length > 0, identity: id, findings };
}

function identityFindings(subject: string, id: SignerIdentity, packageRepository: string | undefined): Finding[] {
  const out: Finding[] = [];
  if (id.runner === 'self-hosted') {
    out.push(
      finding('provenance/self-hosted-runner', {
        subject,
        message: `${subject} was built on a self-hosted runner (${id.repository ?? 'unknown repository'})`,
        location: { kind: 'provenance', name: 'runner' },
        evidence: { runner: id.runner },
      }),
    );
  }
  if (
    packageRepository &&
    id.repository &&
    normalizeRepositoryUrl(packageRepository) !== normalizeRepositoryUrl(id.repository)
  ) {
    out.push(
      finding('provenance/repository-mismatch', {
        subject,
        message: `package.json names ${packageRepository}, the provenance says ${id.repository}`,
        location: { kind: 'file', file: 'package.json', pointer: '/repository' },
        evidence: { packageJson: packageRepository, provenance: id.repository },
      }),
    );
  }
  return out;
}

function isSlsa(s: Statement): boolean {
  return s.predicateType === SLSA_V1 || s.predicateType === SLSA_V02;
}
