import type { AddedText } from '../../manifest-diff/added-text.js';
import { humanise } from '../match.js';
import type { PoisonHit, PoisonRule } from '../types.js';

/**
 * Annotation members outside the MCP specification (title, readOnlyHint, destructiveHint,
 * idempotentHint, openWorldHint). Clients ignore them but some pass them to the model, which makes
 * them a place to smuggle instructions or fake trust and auth flags.
 */
const RISKY =
  /\b(?:system|prompt|instructions?|command|hidden|inject\w*|bypass\w*|trust\w*|privilege\w*|security|auth\w*|access|schema|override|admin|permissions?|token|secret|credentials?|exec\w*)\b/;

export const nonstandardAnnotation: PoisonRule = {
  code: 'poison/nonstandard-annotation',
  check: (items: readonly AddedText[]): PoisonHit[] => {
    const hits: PoisonHit[] = [];
    for (const item of items) {
      if (item.field !== 'annotation') continue;
      const last = (item.location.pointer ?? '').split('/').pop();
      if (last !== item.text) continue; // a value, not a member name
      const risky = RISKY.test(humanise(item.text));
      hits.push({
        item,
        match: item.text,
        why: risky ? 'non-standard annotation about trust, auth or instructions' : 'non-standard annotation',
        severity: risky ? 'high' : 'medium',
      });
    }
    return hits;
  },
};
