import { matchPatterns, type Pattern } from '../match.js';
import type { PoisonRule } from '../types.js';

/**
 * Characters a reader cannot see but a model reads: zero-width and word-joiner characters,
 * bidirectional overrides and isolates (text shown in another order than it is read), Unicode tag
 * characters (an invisible copy of ASCII), fillers, runs of variation selectors, and unpaired
 * surrogates.
 */
const PATTERNS: Pattern[] = [
  { re: /[\u202a-\u202e\u2066-\u2069\u061c\u200e\u200f]/g, why: 'bidirectional control' },
  { re: /\udb40[\udc00-\udc7f]/g, why: 'Unicode tag character' },
  { re: /[\u200b-\u200d\u2060-\u2064\u00ad\u180e\u115f\u1160\u3164\uffa0]|(?!^)\ufeff/g, why: 'invisible character' },
  { re: /[\ufe00-\ufe0e]{2,}|\udb40[\udd00-\uddef]/g, why: 'variation-selector run' },
  {
    re: /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g,
    why: 'unpaired surrogate (invalid UTF-16)',
  },
];

export const invisibleUnicode: PoisonRule = {
  code: 'poison/invisible-unicode',
  check: (items) => matchPatterns(items, PATTERNS),
};
