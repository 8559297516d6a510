import semver from 'semver';
import { finding, type Finding } from '../findings/finding.js';

export interface DowngradeInput {
  name: string;
  /** the approved version */
  pinned: string;
  /** the version about to replace it */
  candidate: string;
  /** --allow-downgrade: the move is intended; the finding stays, as info */
  allowed?: boolean;
}

/**
 * A candidate below the approved version. Moving a pin backwards can bring back a fixed
 * vulnerability or an older, compromised release, so it is high unless the user says it is meant.
 * Versions that are not semver are not compared. Pure.
 */
export function downgradeFindings(input: DowngradeInput): Finding[] {
  const { name, pinned, candidate } = input;
  if (!semver.valid(pinned) || !semver.valid(candidate) || !semver.lt(candidate, pinned)) return [];
  const allowed = input.allowed === true;
  return [
    finding('package/downgrade', {
      subject: `${name}@${candidate}`,
      ...(allowed ? { severity: 'info' as const } : {}),
      location: { kind: 'package', name },
      message: `${candidate} is older than the approved ${pinned}${allowed ? ' (--allow-downgrade: intended)' : ''}`,
      evidence: { pinned, candidate, allowed },
    }),
  ];
}
