import { finding, type Finding } from '../findings/finding.js';

/** A version whose bytes are checked by SHA-1 only: refused (critical) unless --allow-sha1 accepts it. */
export function weakIntegrityFindings(
  v: { name: string; version: string; integrity: string; algorithm: string },
  allowSha1: boolean,
): Finding[] {
  if (v.algorithm !== 'sha1') return [];
  const subject = `${v.name}@${v.version}`;
  return [
    finding('package/weak-integrity', {
      subject,
      ...(allowSha1 ? {} : { severity: 'critical' as const }),
      message: allowSha1
        ? `${subject} is pinned by SHA-1 only`
        : `${subject}: only a SHA-1 integrity is published; refusing it (--allow-sha1 accepts it)`,
      location: { kind: 'package', name: v.name },
      evidence: { integrity: v.integrity },
    }),
  ];
}

/** The bytes served for a version were refused by its registry integrity (not a pin's: see pinned-bytes.ts). */
export function bytesRefusedFindings(subject: string, name: string): Finding[] {
  return [
    finding('package/integrity-mismatch', {
      subject,
      message: `the bytes served for ${subject} do not match the registry integrity`,
      location: { kind: 'package', name },
    }),
  ];
}
