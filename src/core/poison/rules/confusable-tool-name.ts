import type { AddedText } from '../../manifest-diff/added-text.js';
import type { PoisonContext, PoisonHit, PoisonRule } from '../types.js';

/**
 * A new tool name that a reader (or a model) can take for another tool of the same manifest:
 * equal after folding case, separators, look-alike letters and digits; or a name with characters
 * outside ASCII, the usual homoglyph trick.
 */
const LOOKALIKE: Record<string, string> = {
  '0': 'o', '1': 'l', '3': 'e', '5': 's', '7': 't', i: 'l', '|': 'l',
  'а': 'a', 'е': 'e', 'о': 'o', 'р': 'p', 'с': 'c', 'у': 'y', 'х': 'x', 'і': 'l', 'ј': 'j', 'ѕ': 's', 'ԁ': 'd', 'ɡ': 'g', 'һ': 'h', 'ο': 'o', 'α': 'a', 'ν': 'v', 'ρ': 'p', 'τ': 't', 'ι': 'l', 'κ': 'k', 'μ': 'u',
};

export function skeleton(name: string): string {
  const folded = name.normalize('NFKC').toLowerCase().replace(/rn/g, 'm').replace(/vv/g, 'w');
  let out = '';
  for (const ch of folded) {
    if (/[\s_.:/-]/.test(ch)) continue;
    out += LOOKALIKE[ch] ?? ch;
  }
  return out;
}

export const confusableToolName: PoisonRule = {
  code: 'poison/confusable-tool-name',
  check: (items: readonly AddedText[], ctx: PoisonContext): PoisonHit[] => {
    const hits: PoisonHit[] = [];
    const bySkeleton = new Map<string, string[]>();
    for (const t of ctx.afterTools) {
      const key = skeleton(t);
      const list = bySkeleton.get(key) ?? [];
      list.push(t);
      bySkeleton.set(key, list);
    }
    for (const item of items) {
      if (item.field !== 'tool-name') continue;
      const name = item.text;
      const twins = (bySkeleton.get(skeleton(name)) ?? []).filter((t) => t !== name);
      if (twins.length > 0) hits.push({ item, match: name, why: `looks like ${twins.slice(0, 3).join(', ')}` });
      else if (/[^\x20-\x7e]/.test(name)) hits.push({ item, match: name, why: 'non-ASCII characters in a tool name' });
    }
    return hits;
  },
};
