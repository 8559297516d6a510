import { asWords, matchPatterns, type Pattern } from '../match.js';
import type { PoisonRule } from '../types.js';

/**
 * Words for secrets (passwords, API keys, tokens, credentials, environment variables…). Alone they
 * are common in honest tools (medium); next to a verb that collects or hands them over, or in the
 * name of a tool that shows them, they describe credential theft (high).
 */
const SECRET = String.raw`(?:passwords?|passwd|secrets?|api[ _-]?keys?|access[ _-]?tokens?|auth[ _-]?tokens?|bearer tokens?|refresh tokens?|session (?:tokens?|cookies?)|credentials?|environment variables|env vars?|cookies|private keys?)`;
/** Verbs that move secrets somewhere; in a description they describe theft. */
const TAKE = String.raw`(?:search(?:es|ing)? for|collect\w*|harvest\w*|extract\w*|exfiltrat\w*|leak\w*|dump\w*|steal\w*|send\w*|forward\w*|upload\w*|post\w*|include (?:their|its|the) contents?|read (?:all|every|any))`;
/** Verbs that make a tool name mean "hand secrets to the model": `show_credentials`, `get_api_key`. */
const SHOW =
  /\b(?:show|get|dump|export|read|list|print|reveal|steal|fetch|leak|extract|collect|harvest|view|display|copy)\b/;
const PATTERNS: Pattern[] = [
  {
    re: new RegExp(
      String.raw`\b${TAKE}\b[^.\n]{0,60}?\b${SECRET}\b|\b${SECRET}\b[^.\n]{0,30}?\b(?:and|then)\s+${TAKE}\b`,
      'gi',
    ),
    why: 'secrets being collected or handed over',
    severity: 'high',
  },
  { re: new RegExp(String.raw`\b${SECRET}\b`, 'gi'), why: 'reference to secrets', severity: 'medium' },
];

export const secretReference: PoisonRule = {
  code: 'poison/secret-reference',
  check: (items) => {
    const hits = matchPatterns(asWords(items), PATTERNS);
    for (const hit of hits) {
      if (hit.item.field === 'param-name') hit.severity = 'medium';
      else if (hit.item.field === 'tool-name' && SHOW.test(hit.item.text))
        [hit.severity, hit.why] = ['high', 'a tool that hands secrets to the model'];
    }
    return hits;
  },
};
