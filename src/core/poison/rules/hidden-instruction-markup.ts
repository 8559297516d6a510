import { matchPatterns, type Pattern } from '../match.js';
import type { PoisonRule } from '../types.js';

/**
 * Markup that sets text apart as a message to the model rather than documentation: pseudo-XML
 * directive tags, chat-template tokens, bracketed or banner "SYSTEM"/"IMPORTANT" labels, HTML
 * comments (invisible once rendered), JSON keys posing as system fields, and long runs of blanks
 * that push text out of view.
 */
const TAG_WORDS =
  'important|instructions?|system|secret|hidden|admin|override|prompt|context|assistant|directives?|rules?|policy|sudo|critical|priority|internal|developer|note|instruction_override|tool_instructions?';
const PATTERNS: Pattern[] = [
  {
    re: new RegExp(`<\\s*\\/?\\s*(?:${TAG_WORDS})(?:[_\\s-]\\w+)*\\s*(?:\\s[^<>]{0,60})?>`, 'gi'),
    why: 'directive tag',
  },
  { re: /<\|[a-z_]{2,24}\|>|<<\s*\/?SYS\s*>>|\[\/?INST\]/gi, why: 'chat-template token' },
  {
    re: /\[{1,3}\s*(?:important|system|instructions?|hidden|admin|override|critical|sys|assistant|developer)\b[^\]\n]{0,80}\]{1,3}/gi,
    why: 'bracketed directive label',
  },
  {
    re: /(?:#{2,}|-{3,}|={3,}|\*{3,})\s*(?:[A-Z]+\s+){0,2}(?:SYSTEM|CRITICAL|HIDDEN|ADMIN|OVERRIDE|IMPORTANT)\b[^\n]{0,60}/g,
    why: 'banner label',
  },
  {
    re: /(?:^|[\s.!?])(?:SYSTEM|ADMIN|DEVELOPER|ASSISTANT)(?:\s+(?:OVERRIDE|INSTRUCTIONS?|PROMPT|NOTE|MESSAGE|CONTEXT))?\s*:/g,
    why: 'role label',
  },
  { re: /\bHIDDEN\s+(?:INSTRUCTIONS?|COMMANDS?|PROMPT|TEXT)\b/gi, why: 'hidden-instruction label' },
  { re: /<!--[\s\S]{0,4000}?-->/g, why: 'HTML comment (invisible when rendered)' },
  {
    re: /["']_*(?:system|instructions?|prompt|injection|hidden|override)\w*["']\s*:/gi,
    why: 'JSON key posing as a system field',
  },
  { re: /[^\s][ \t]{50,}[^\s]/g, why: 'long run of blanks that pushes text out of view' },
];

export const hiddenInstructionMarkup: PoisonRule = {
  code: 'poison/hidden-instruction-markup',
  check: (items) =>
    matchPatterns(
      items.filter((i) => i.field !== 'tool-name' && i.field !== 'param-name'),
      PATTERNS,
    ),
};
