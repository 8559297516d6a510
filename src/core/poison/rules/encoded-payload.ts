import type { Severity } from '../../findings/severity.js';
import { matchPatterns, type Pattern } from '../match.js';
import type { PoisonHit, PoisonRule } from '../types.js';

/**
 * Opaque encoded blobs in text meant for a model: base64 (high when it decodes to readable text,
 * which is how instructions are smuggled past reviewers), long hex strings, and runs of \x, \u or
 * percent escapes.
 */
const PATTERNS: Pattern[] = [
  {
    re: /(?<![A-Za-z0-9+/_-])(?:[A-Za-z0-9+/]{4}){10,}(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?(?![A-Za-z0-9+/=_-])/g,
    why: 'base64',
  },
  { re: /(?<![A-Za-z0-9_-])[A-Za-z0-9_-]{48,}(?![A-Za-z0-9_-])/g, why: 'base64url' },
  { re: /\b(?:[0-9a-fA-F]{2}){40,}\b/g, why: 'long hex string', severity: 'medium' },
  {
    re: /(?:\\x[0-9a-fA-F]{2}){6,}|(?:\\u[0-9a-fA-F]{4}){4,}|(?:%[0-9a-fA-F]{2}){8,}/g,
    why: 'escaped text',
    severity: 'high',
  },
];

export const encodedPayload: PoisonRule = {
  code: 'poison/encoded-payload',
  check: (items) => matchPatterns(items, PATTERNS, judge).filter((h) => h.severity !== undefined),
};

/** Base64 that decodes to mostly printable text is a hidden message; other long runs are opaque data. */
function judge(hit: PoisonHit): Severity | undefined {
  if (!hit.why.startsWith('base64')) return undefined;
  const s = hit.match;
  if (!/[0-9]/.test(s) || !/[A-Z]/.test(s) || !/[a-z]/.test(s)) return undefined;
  let decoded: string;
  try {
    decoded = Buffer.from(s.replace(/-/g, '+').replace(/_/g, '/'), 'base64').toString('latin1');
  } catch {
    return 'medium';
  }
  let printable = 0;
  for (let i = 0; i < decoded.length; i++) {
    const c = decoded.charCodeAt(i);
    if ((c >= 32 && c < 127) || c === 10 || c === 13 || c === 9) printable++;
  }
  return decoded.length > 0 && printable / decoded.length > 0.9 ? 'high' : 'medium';
}
