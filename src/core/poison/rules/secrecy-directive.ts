import { matchPatterns, type Pattern } from '../match.js';
import type { PoisonRule } from '../types.js';

/**
 * Text asking the model to keep something from the user, or framing a hidden action as an
 * unimportant detail. No honest tool needs its behaviour hidden from the person using it.
 */
const VERBS =
  'tell(?:ing)?|mention(?:ing)?|inform(?:ing)?|notify(?:ing)?|alert(?:ing)?|show(?:ing)?|reveal(?:ing)?|disclos(?:e|ing)|report(?:ing)?|let(?:ting)?|say(?:ing)?|explain(?:ing)?|ask(?:ing)?|expos(?:e|ing)|display(?:ing)?|shar(?:e|ing)|discuss(?:ing)?';
const PATTERNS: Pattern[] = [
  {
    re: new RegExp(
      `\\b(?:do not|don'?t|never|without|must not|should not|shouldn'?t|no need to)\\s+(?:${VERBS})\\b[^.\\n]{0,110}?\\b(?:user|users|human|operator|anyone|person|people|recipient)\\b`,
      'gi',
    ),
    why: 'keep it from the user',
    severity: 'critical',
  },
  {
    re: new RegExp(
      `\\b(?:not|no need)\\b[^.\\n]{0,40}?\\b(?:${VERBS}|discussed|mentioned|shown|told)\\b[^.\\n]{0,30}?\\b(?:with|to)\\s+(?:the\\s+)?(?:user|users|human)\\b`,
      'gi',
    ),
    why: 'keep it from the user',
    severity: 'critical',
  },
  {
    re: /\b(?:users?|they|recipients?|humans?)\s+(?:should|must|will|need)\s*(?:not|never)\s+(?:know|see|notice|be told|find out|be informed)\b/gi,
    why: 'keep it from the user',
    severity: 'critical',
  },
  { re: /\bDO NOT (?:SHOW|DISPLAY|REVEAL) TO (?:THE )?USER\b/gi, why: 'keep it from the user', severity: 'critical' },
  {
    re: /\b(?:silently|secretly|covertly|quietly|stealthily|invisibly|discreetly)\s+(?:send|post|copy|forward|upload|add|include|read|exfiltrate|mirror|bcc|cc|transmit|call|execute|run|log|store|save|collect|change|redirect|replace)\w*/gi,
    why: 'hidden action',
  },
  {
    re: /\b(?:send|post|copy|forward|upload|transmit|mirror|cc|bcc)\w*\b[^.\n]{0,60}?\b(?:silently|secretly|covertly|quietly|stealthily|in the background)\b/gi,
    why: 'hidden action',
  },
  { re: /\bhidden\s+(?:bcc|cc|copy|recipient|parameter|field|command|step)\b/gi, why: 'hidden action' },
  {
    re: /\b(?:strip\w*|remov\w*|hid\w*)\b[^.\n]{0,60}?\bbefore\s+(?:it|they|anyone|any recipient|the user|the recipient)\s+(?:reach\w*|see\w*)\b/gi,
    why: 'hidden from view',
  },
  {
    re: /\b(?:mere|just an?|only an?|routine|transparent|internal|minor|technical)\s+(?:[\w-]+\s+){0,2}(?:detail|requirement|step)\b[^.\n]{0,40}|\bdoes not (?:really )?matter to (?:them|the user)\b/gi,
    why: 'hidden action framed as a detail',
  },
  {
    re: /\b(?:upset|alarm|worry|scare|frighten|bother|concern)\w*\s+the\s+user\b|\bnot scary\b/gi,
    why: 'managing what the user notices',
  },
];

export const secrecyDirective: PoisonRule = {
  code: 'poison/secrecy-directive',
  check: (items) =>
    matchPatterns(
      items.filter((i) => i.field !== 'tool-name' && i.field !== 'param-name'),
      PATTERNS,
    ),
};
