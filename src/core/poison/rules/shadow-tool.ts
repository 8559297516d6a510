import { dice, wordSet } from '../../manifest-diff/match-tools.js';
import type { McpTool } from '../../manifest-diff/view.js';
import { humanise } from '../match.js';
import type { PoisonHit, PoisonRule } from '../types.js';

/** Words that load a name with preference; a twin named with them exists to be picked. */
const PREFERENCE_WORDS = new Set(
  'premium pro plus best official verified trusted certified secure safe enhanced improved advanced ultimate super turbo better faster fastest recommended preferred priority authentic genuine elite exclusive optimized optimised v2 v3 vip gold'.split(
    ' ',
  ),
);
/** Descriptions this similar (Dice over words) make two tools twins. */
const SIMILAR = 0.6;
const NEAR_IDENTICAL = 0.9;

/**
 * A tool added beside another with a preference-loaded variant of its name (`get_weather_premium`
 * beside `get_weather`) and a similar description, or, in an update, with a near-identical
 * description to a tool that was already there (unless that tool now points to it, as a
 * deprecation does). In a first pin every tool is new, so only the preference-name twin counts.
 */
export const shadowTool: PoisonRule = {
  code: 'poison/shadow-tool',
  fields: ['tool-name'],
  check: (items, ctx) => {
    const defs = ctx.afterToolDefs;
    if (!defs || ctx.newTools.size === 0) return [];
    // Tools by the words of their name, and by the shape of their description, so each new tool
    // is compared with the few that can be its twin, not with every tool.
    const byNameWords = new Map<string, McpTool>();
    const byWord = new Map<string, McpTool[]>();
    const words = new Map<McpTool, Set<string>>();
    const wordsOf = (t: McpTool) => words.get(t) ?? words.set(t, wordSet(t['description'])).get(t)!;
    for (const t of defs.values()) {
      byNameWords.set(nameKey(humanise(t.name).split(' ')), t);
      for (const w of wordsOf(t)) (byWord.get(w) ?? byWord.set(w, []).get(w)!).push(t);
    }
    const hits: PoisonHit[] = [];
    for (const item of items) {
      if (item.field !== 'tool-name' || !ctx.newTools.has(item.text)) continue;
      const tool = defs.get(item.text);
      if (!tool) continue;
      const nameWords = humanise(tool.name).split(' ');
      const extra = nameWords.filter((w) => PREFERENCE_WORDS.has(w));
      const original =
        extra.length > 0 ? byNameWords.get(nameKey(nameWords.filter((w) => !PREFERENCE_WORDS.has(w)))) : undefined;
      if (original && original !== tool) {
        const similarity = dice(wordsOf(tool), wordsOf(original));
        if (similarity >= SIMILAR) {
          hits.push({
            item,
            match: `${tool.name} beside ${original.name}`,
            why: `preference-loaded twin of ${original.name} (${extra.join(', ')}; descriptions ${pct(similarity)} alike)`,
            severity: 'high',
          });
          continue;
        }
      }
      for (const other of candidates(wordsOf(tool), byWord)) {
        if (other === tool || !ctx.beforeTools.has(other.name) || ctx.newTools.has(other.name)) continue;
        if (String(other['description'] ?? '').includes(tool.name)) continue; // a deprecation points to its successor
        const otherWords = new Set(humanise(other.name).split(' '));
        if ([...otherWords].every((w) => nameWords.includes(w))) continue; // a named variant ("…_with_sizes")
        const similarity = dice(wordsOf(tool), wordsOf(other));
        if (similarity >= NEAR_IDENTICAL) {
          hits.push({
            item,
            match: `${tool.name} beside ${other.name}`,
            why: `near-identical description to the existing ${other.name} (${pct(similarity)} alike)`,
            severity: 'high',
          });
          break;
        }
      }
    }
    return hits;
  },
};

function nameKey(words: readonly string[]): string {
  return [...new Set(words)].sort().join(' ');
}

/**
 * Tools whose description can be 90% alike: those sharing one of its three rarest words (two sets
 * that alike share nearly all their words, rare ones included). Descriptions of fewer than four
 * words are not compared, and a word shared by more than 50 tools does not pick candidates.
 */
function candidates(words: ReadonlySet<string>, byWord: ReadonlyMap<string, McpTool[]>): McpTool[] {
  if (words.size < 4) return [];
  const rare = [...words]
    .map((w) => [w, byWord.get(w)?.length ?? 0] as const)
    .filter(([, n]) => n > 1 && n <= 50)
    .sort((a, b) => a[1] - b[1] || (a[0] < b[0] ? -1 : 1))
    .slice(0, 3);
  return [...new Set(rare.flatMap(([w]) => byWord.get(w) ?? []))];
}

function pct(x: number): string {
  return `${Math.round(x * 100)}%`;
}
