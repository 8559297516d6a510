import { createPublicKey, verify } from 'node:crypto';
import { VetError } from '../errors.js';
import { finding, type Finding } from '../findings/finding.js';
import { keyValidAt, type RegistryKey } from './registry-keys.js';

export interface SignedVersion {
  name: string;
  version: string;
  /** dist.integrity exactly as the registry gave it */
  integrity: string;
  signatures: ReadonlyArray<{ keyid: string; sig: string }>;
  /** when the version was published; the key must have been valid then (unknown: not checked) */
  publishedAt?: Date;
}

/**
 * Verifies `dist.signatures`: ECDSA P-256 / SHA-256 over `${name}@${version}:${integrity}`.
 * A signature by a key we do not know is a trust-material problem (exit 3), not tampering; a
 * signature that fails, or a key that had expired at publish time, is a finding.
 */
export function verifyRegistrySignatures(v: SignedVersion, keys: readonly RegistryKey[]): Finding[] {
  const subject = `${v.name}@${v.version}`;
  const message = Buffer.from(`${v.name}@${v.version}:${v.integrity}`, 'utf8');
  const known = v.signatures.filter((s) => keys.some((k) => k.keyid === s.keyid));
  if (v.signatures.length > 0 && known.length === 0) {
    const ids = v.signatures.map((s) => s.keyid).join(', ');
    throw new VetError(
      'TRUST_MATERIAL',
      `${subject}: signed by registry key ${ids}, which mcp-vet does not know; its trust material needs updating (upgrade mcp-vet)`,
      {
        details: { package: subject, keyid: ids },
      },
    );
  }
  const findings: Finding[] = [];
  for (const s of known) {
    const key = keys.find((k) => k.keyid === s.keyid)!;
    const location = {
      kind: 'provenance',
      name: 'dist.signatures',
      pointer: `/dist/signatures/${v.signatures.indexOf(s)}`,
    };
    let ok = false;
    try {
      ok = verify(
        'sha256',
        message,
        createPublicKey({ key: Buffer.from(key.key, 'base64'), format: 'der', type: 'spki' }),
        Buffer.from(s.sig, 'base64'),
      );
    } catch {
      ok = false;
    }
    if (!ok) {
      findings.push(
        finding('provenance/invalid-signature', {
          subject,
          message: `registry signature by ${s.keyid} does not verify for ${subject} with integrity ${v.integrity}`,
          location,
          evidence: { keyid: s.keyid, integrity: v.integrity },
        }),
      );
    } else if (v.publishedAt && !keyValidAt(key, v.publishedAt)) {
      findings.push(
        finding('provenance/invalid-signature', {
          subject,
          message: `registry key ${s.keyid} was not valid when ${subject} was published (${v.publishedAt.toISOString()}; valid ${key.start ?? '-'} to ${key.expires ?? '-'})`,
          location,
          evidence: { keyid: s.keyid, publishedAt: v.publishedAt.toISOString(), keyExpires: key.expires ?? '' },
        }),
      );
    }
  }
  return findings;
}
