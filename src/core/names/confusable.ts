import { finding, type Finding } from '../findings/finding.js';
import { editDistance, skeleton, splitName } from './skeleton.js';
import { WELL_KNOWN_MCP_PACKAGES } from './well-known.js';

export type ConfusableReason = 'look-alike' | 'scope-swap' | 'one-edit';

/** Why `candidate` could be mistaken for `known`, or null. Identical names are not confusable. */
export function confusableReason(candidate: string, known: string): ConfusableReason | null {
  if (candidate === known) return null;
  if (skeleton(candidate) === skeleton(known)) return 'look-alike';
  const [cs, cb] = splitName(candidate);
  const [ks, kb] = splitName(known);
  const flatC = skeleton(candidate.replace(/[@/]/g, ''));
  const flatK = skeleton(known.replace(/[@/]/g, ''));
  if (flatC === flatK) return 'scope-swap';
  if (skeleton(cb) === skeleton(kb) && skeleton(kb).length >= 6 && (cs ?? '') !== (ks ?? '')) return 'scope-swap';
  if (flatK.length >= 10 && editDistance(flatC, flatK, 1) <= 1) return 'one-edit';
  return null;
}

const WHY: Record<ConfusableReason, string> = {
  'look-alike': 'reads the same (homoglyphs, separators or Unicode look-alikes)',
  'scope-swap': 'has the same name under another or no scope',
  'one-edit': 'is one character away from',
};

/**
 * A name confusable with an allowlisted package or a well-known MCP server. A name that is itself
 * on either list is the genuine one for that entry and only compared with the others.
 */
export function nameFindings(candidate: string, allowlisted: readonly string[], subject: string): Finding[] {
  const known = [...new Set([...allowlisted, ...WELL_KNOWN_MCP_PACKAGES])].filter((n) => n !== candidate);
  if (WELL_KNOWN_MCP_PACKAGES.includes(candidate)) return [];
  for (const k of known.sort()) {
    const reason = confusableReason(candidate, k);
    if (!reason) continue;
    const source = allowlisted.includes(k) ? 'an allowlisted package' : 'a well-known MCP server';
    return [
      finding('package/name-confusable', {
        subject,
        location: { kind: 'package', name: candidate },
        message: `${candidate} ${WHY[reason]}${reason === 'one-edit' ? '' : ' as'} ${k} (${source})`,
        evidence: { lookalike: k, reason },
      }),
    ];
  }
  return [];
}
