import type { AddedText } from '../../manifest-diff/added-text.js';
import type { PoisonHit, PoisonRule } from '../types.js';

/** Added text this long is unreadable for a reviewer and only partly scanned; it can bury a payload. */
export const OVERSIZED_CHARS = 64 * 1024;

export const oversizedText: PoisonRule = {
  code: 'poison/oversized-text',
  check: (items: readonly AddedText[]): PoisonHit[] => {
    const hits: PoisonHit[] = [];
    for (const item of items) {
      let added = 0;
      for (const [s, e] of item.added) added += Math.min(e, item.text.length) - s;
      if (added > OVERSIZED_CHARS)
        hits.push({ item, match: `${item.text.slice(0, 80)}…`, why: `${added} characters added to one field` });
    }
    return hits;
  },
};
