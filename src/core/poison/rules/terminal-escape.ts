import { matchPatterns, type Pattern } from '../match.js';
import type { PoisonRule } from '../types.js';

/**
 * Terminal control sequences (ESC, CSI and other C0/C1 controls) that can hide, rewrite or recolour
 * what a reviewer sees in a terminal, and bare carriage returns that overwrite a printed line.
 */
const PATTERNS: Pattern[] = [
  { re: /[\u001b\u009b][[\]()#;?]*(?:[0-9]{1,4}(?:;[0-9]{0,4})*)?[0-9A-ORZcf-nqry=><~]?/g, why: 'escape sequence' },
  {
    re: /[\u0000-\u0008\u000b\u000c\u000e-\u001a\u001c-\u001f\u007f\u0080-\u009a\u009c-\u009f]/g,
    why: 'control character',
  },
  { re: /\r(?!\n)/g, why: 'bare carriage return (overwrites the line)', severity: 'medium' },
];

export const terminalEscape: PoisonRule = {
  code: 'poison/terminal-escape',
  check: (items) => matchPatterns(items, PATTERNS),
};
