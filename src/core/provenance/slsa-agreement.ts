import { finding, type Finding } from '../findings/finding.js';
import { normalizeRepositoryUrl, type SignerIdentity } from './identity.js';
import { slsaClaims, type SlsaClaims } from './slsa-claims.js';
import type { Statement } from './statement.js';

/**
 * The SLSA predicate is written by the build; the certificate is issued from the CI's identity
 * token. Every field present in both must agree.
 */
export function checkPredicateAgreement(
  statement: Statement,
  cert: SignerIdentity,
  subject: string,
  where: string,
): Finding[] {
  const claims = slsaClaims(statement.predicateType, statement.predicate);
  const findings: Finding[] = [];
  for (const field of Object.keys(claims) as Array<keyof SlsaClaims>) {
    const claimed = claims[field];
    const actual = cert[field];
    if (claimed === undefined || actual === undefined) continue;
    if (same(field, claimed, actual)) continue;
    findings.push(
      finding('provenance/predicate-mismatch', {
        subject,
        message: `${where}: the predicate claims ${field} ${claimed}, the certificate says ${actual}`,
        location: { kind: 'provenance', name: where, pointer: `/predicate/${field}` },
        evidence: { field, predicate: claimed, certificate: actual },
      }),
    );
  }
  return findings;
}

function same(field: keyof SlsaClaims, a: string, b: string): boolean {
  if (field === 'repository') return normalizeRepositoryUrl(a) === normalizeRepositoryUrl(b);
  if (field === 'commit') return a.toLowerCase() === b.toLowerCase();
  if (field === 'workflow') return a.replace(/^\.\//, '') === b.replace(/^\.\//, '');
  return a === b;
}
