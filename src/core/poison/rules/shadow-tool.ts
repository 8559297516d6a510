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
    if (!defs) return [];
    const hits: PoisonHit[] = [];
    for (const item of items) {
      if (item.field !== 'tool-name' || !ctx.newTools.has(item.text)) continue;
      const tool = defs.get(item.text);
      if (!tool) continue;
      const words = humanise(tool.name).split(' ');
      for (const other of defs.values()) {
        if (other.name === tool.name) continue;
        const similarity = dice(wordSet(tool['description']), wordSet(other['description']));
        const otherWords = new Set(humanise(other.name).split(' '));
        const extra = words.filter((w) => !otherWords.has(w));
        const loaded =
          extra.length > 0 &&
          extra.every((w) => PREFERENCE_WORDS.has(w)) &&
          [...otherWords].every((w) => words.includes(w));
        const existing = ctx.beforeTools.has(other.name) && !ctx.newTools.has(other.name);
        const pointsToTwin = String(other['description'] ?? '').includes(tool.name);
        if (loaded && similarity >= SIMILAR) {
          hits.push({
            item,
            match: `${tool.name} beside ${other.name}`,
            why: `preference-loaded twin of ${other.name} (${extra.join(', ')}; descriptions ${pct(similarity)} alike)`,
            severity: 'high',
          });
          break;
        }
        // A name that extends the other's by descriptive words is a variant, not a twin.
        const variant = extra.length > 0 && [...otherWords].every((w) => words.includes(w));
        if (
          existing &&
          !pointsToTwin &&
          !variant &&
          similarity >= NEAR_IDENTICAL &&
          describes(tool) &&
          describes(other)
        ) {
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

function describes(tool: McpTool): boolean {
  return wordSet(tool['description']).size >= 4;
}

function pct(x: number): string {
  return `${Math.round(x * 100)}%`;
}
