import type { AddedText } from '../../manifest-diff/added-text.js';
import { dice, wordSet } from '../../manifest-diff/match-tools.js';
import { isRecord, type McpTool } from '../../manifest-diff/view.js';
import { humanise } from '../match.js';
import type { PoisonContext, PoisonHit, PoisonRule } from '../types.js';

/**
 * A new tool name that a reader (or a model) can take for another tool of the same manifest:
 * equal after folding case, separators, look-alike letters and digits; or a name with characters
 * outside ASCII, the usual homoglyph trick; or a near-duplicate with a different interface: a name
 * that extends a kept tool's name by whole words (`sum` -> `sum_all`), a description that largely
 * repeats that tool's, and inputs it requires that the original does not. The model picks one of
 * two look-alike tools by name and description, so the twin gets calls meant for the original,
 * with arguments the user never gave.
 */
const LOOKALIKE: Record<string, string> = {
  '0': 'o',
  '1': 'l',
  '3': 'e',
  '5': 's',
  '7': 't',
  i: 'l',
  '|': 'l',
  а: 'a',
  е: 'e',
  о: 'o',
  р: 'p',
  с: 'c',
  у: 'y',
  х: 'x',
  і: 'l',
  ј: 'j',
  ѕ: 's',
  ԁ: 'd',
  ɡ: 'g',
  һ: 'h',
  ο: 'o',
  α: 'a',
  ν: 'v',
  ρ: 'p',
  τ: 't',
  ι: 'l',
  κ: 'k',
  μ: 'u',
};

/** Descriptions at least this similar (Dice over word sets) count as one repeating the other. */
export const REPEATED_DESCRIPTION = 0.7;

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
      else {
        const why = nearDuplicate(name, bySkeleton, ctx);
        if (why) hits.push({ item, match: name, why });
      }
    }
    return hits;
  },
};

/**
 * Why `name` is a near-duplicate of a tool kept from before, or undefined. Looks up each proper
 * whole-word prefix and suffix of the name (a handful of map look-ups, so linear overall).
 */
function nearDuplicate(
  name: string,
  bySkeleton: ReadonlyMap<string, readonly string[]>,
  ctx: PoisonContext,
): string | undefined {
  const defs = ctx.afterToolDefs;
  const tool = defs?.get(name);
  if (!defs || !tool) return undefined;
  const words = humanise(name).split(' ').filter(Boolean);
  for (let i = 1; i < words.length && i <= 8; i++) {
    for (const part of [words.slice(0, i), words.slice(words.length - i)]) {
      for (const original of bySkeleton.get(skeleton(part.join(' '))) ?? []) {
        if (original === name || !ctx.beforeTools.has(original) || ctx.newTools.has(original)) continue;
        const def = defs.get(original);
        if (!def) continue;
        const why = interfaceConfusion(def, tool);
        if (why) return `extends ${original}, ${why}`;
      }
    }
  }
  return undefined;
}

/** The new tool repeats the original's description and requires inputs the original does not. */
function interfaceConfusion(original: McpTool, twin: McpTool): string | undefined {
  const a = wordSet(original['description']);
  if (a.size < 2) return undefined;
  const similarity = dice(a, wordSet(twin['description']));
  if (similarity < REPEATED_DESCRIPTION) return undefined;
  const had = new Set(requiredOf(original));
  const extra = requiredOf(twin).filter((p) => !had.has(p));
  if (extra.length === 0) return undefined;
  return `repeats its description (similarity ${similarity.toFixed(2)}) and requires ${extra.slice(0, 5).join(', ')} which it does not`;
}

function requiredOf(tool: McpTool): string[] {
  const schema = tool['inputSchema'];
  const req = isRecord(schema) ? schema['required'] : undefined;
  return Array.isArray(req) ? req.filter((x): x is string => typeof x === 'string').slice(0, 200) : [];
}
