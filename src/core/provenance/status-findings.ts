import { finding, type Finding } from '../findings/finding.js';
import type { ProvenancePin } from '../workspace/allowlist-entry.js';

export interface StatusContext {
  subject: string;
  status: 'absent' | 'unavailable';
  /** the pin this version is compared with, if any */
  pinned?: ProvenancePin;
  requireProvenance?: boolean;
  /** where attestations were looked for, for messages */
  source: string;
}

/**
 * Findings for a version without verified attestations. `absent` (the registry says there are
 * none) after a pin that had them is provenance dropped; `unavailable` is never a pass and never
 * proof of absence: it is raised to high when provenance was pinned or is required.
 */
export function missingProvenanceFindings(c: StatusContext): Finding[] {
  const location = { kind: 'provenance' };
  const hadIt = c.pinned?.status === 'verified';
  if (c.status === 'absent') {
    const out: Finding[] = [];
    if (hadIt)
      out.push(
        finding('provenance/dropped', {
          subject: c.subject,
          message: `${c.subject} has no provenance; the pinned version was built by ${c.pinned?.repository ?? 'a verified workflow'}`,
          location,
        }),
      );
    if (c.requireProvenance)
      out.push(
        finding('provenance/required-missing', {
          subject: c.subject,
          message: `${c.subject} has no provenance and the policy requires it`,
          location,
        }),
      );
    return out;
  }
  const raise = hadIt || c.requireProvenance === true;
  const why = hadIt
    ? ' (the pinned version had verified provenance)'
    : c.requireProvenance
      ? ' (the policy requires provenance)'
      : '';
  return [
    finding('provenance/unavailable', {
      subject: c.subject,
      message: `${c.source} serves no attestations for ${c.subject}; cannot tell whether it has provenance${why}`,
      location,
      evidence: { reason: `${c.source} serves no attestations` },
      ...(raise ? { severity: 'high' as const } : {}),
    }),
  ];
}
