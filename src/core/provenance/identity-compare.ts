import { finding, type Finding } from '../findings/finding.js';
import type { ProvenancePin } from '../workspace/allowlist-entry.js';
import { normalizeRepositoryUrl, type SignerIdentity } from './identity.js';

export type IdentityExpectation = NonNullable<ProvenancePin['expect']>;

/** Fields compared with a trust-on-first-use pin. `ref` is compared by kind (tag vs branch); `commit` changes every release. */
const PINNED_FIELDS = ['issuer', 'repository', 'repositoryId', 'ownerId', 'workflow', 'runner', 'ref'] as const;

/**
 * Compares the candidate's certificate identity with the pinned one: one finding per field that
 * changed. A field the pin lacks (certificates before 2023-11 had no IDs or runner) is not compared.
 */
export function compareWithPin(subject: string, pin: ProvenancePin, candidate: SignerIdentity): Finding[] {
  const findings: Finding[] = [];
  for (const field of PINNED_FIELDS) {
    const before = pin[field];
    if (before === undefined) continue;
    const after = candidate[field];
    if (after !== undefined && sameField(field, before, after)) continue;
    findings.push(changed(subject, field, before, after ?? '(none)', 'the pinned identity'));
  }
  return findings.concat(checkExpectation(subject, pin.expect ?? {}, candidate));
}

/** Checks an identity against what --expect-* required. `ref` may end in `*` (e.g. refs/tags/*). */
export function checkExpectation(subject: string, expect: IdentityExpectation, candidate: SignerIdentity): Finding[] {
  const findings: Finding[] = [];
  for (const field of ['repository', 'workflow', 'ref', 'runner'] as const) {
    const wanted = expect[field];
    if (wanted === undefined) continue;
    const actual = candidate[field];
    const ok =
      actual !== undefined && (field === 'ref' ? refMatches(wanted, actual) : sameField(field, wanted, actual));
    if (!ok) findings.push(changed(subject, field, wanted, actual ?? '(none)', `--expect-${field}`));
  }
  return findings;
}

function changed(subject: string, field: string, before: string, after: string, against: string): Finding {
  return finding('provenance/identity-changed', {
    subject,
    message: `signer ${field} is ${after}, ${against} is ${before}`,
    location: { kind: 'provenance', name: field, pointer: `/provenance/${field}` },
    evidence: { field, before, after },
  });
}

function sameField(field: string, a: string, b: string): boolean {
  if (field === 'repository') return normalizeRepositoryUrl(a) === normalizeRepositoryUrl(b);
  if (field === 'workflow') return a.replace(/^\.\//, '') === b.replace(/^\.\//, '');
  if (field === 'ref') return refKind(a) === refKind(b);
  return a === b;
}

function refKind(ref: string): string {
  const m = /^refs\/([^/]+)\//.exec(ref);
  return m ? m[1]! : ref;
}

function refMatches(pattern: string, ref: string): boolean {
  if (!pattern.includes('*')) return pattern === ref;
  const re = new RegExp(
    '^' +
      pattern
        .split('*')
        .map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
        .join('.*') +
      '$',
  );
  return re.test(ref);
}
