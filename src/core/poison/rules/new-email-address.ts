import { matchPatterns, type Pattern } from '../match.js';
import type { PoisonHit, PoisonRule } from '../types.js';
import { sentenceAround } from './new-url.js';

/**
 * An e-mail address added to text the model reads. High when the same sentence is about sending,
 * copying or redirecting messages, which is how a BCC to an outsider is planted.
 */
const PATTERNS: Pattern[] = [
  { re: /\b[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,24}\b/g, why: 'e-mail address' },
];
const SEND =
  /\b(?:send|sent|forward|copy|bcc|cc|recipient|redirect|mirror|deliver|route|mail|e-?mail|message|include|proxy|relay|contact)\w*\b/i;

export const newEmailAddress: PoisonRule = {
  code: 'poison/new-email-address',
  check: (items) =>
    matchPatterns(
      items.filter((i) => i.field !== 'tool-name' && i.field !== 'param-name'),
      PATTERNS,
      (hit: PoisonHit, segment: string) =>
        /@example\.(?:com|org|net)$/i.test(hit.match)
          ? 'low'
          : SEND.test(sentenceAround(segment, hit.match))
            ? 'high'
            : 'medium',
    ),
};
