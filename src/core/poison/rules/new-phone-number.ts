import { matchPatterns, type Pattern } from '../match.js';
import type { PoisonHit, PoisonRule } from '../types.js';
import { sentenceAround } from './new-url.js';

/**
 * An international phone number added to text the model reads: a messaging destination. High when
 * the sentence is about sending or re-routing messages.
 */
const PATTERNS: Pattern[] = [{ re: /(?<![\w+])\+\d[\d ().-]{7,18}\d(?!\d)/g, why: 'phone number' }];
const SEND =
  /\b(?:send|sent|forward|recipient|redirect|route|relay|proxy|message|number|call|sms|whatsapp|signal|telegram|change)\w*\b/i;

export const newPhoneNumber: PoisonRule = {
  code: 'poison/new-phone-number',
  check: (items) =>
    matchPatterns(
      items.filter((i) => i.field !== 'tool-name' && i.field !== 'param-name'),
      PATTERNS,
      (hit: PoisonHit, segment: string) => (SEND.test(sentenceAround(segment, hit.match)) ? 'high' : 'medium'),
    ),
};
