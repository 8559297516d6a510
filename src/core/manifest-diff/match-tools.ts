import { resolveRefs } from './resolve-refs.js';
import { schemaNodes } from './schema-params.js';
import type { McpTool } from './view.js';

export interface ToolMatch {
  pairs: Array<{ before: McpTool; after: McpTool }>;
  renamed: Array<{ before: McpTool; after: McpTool; similarity: number }>;
  removed: McpTool[];
  added: McpTool[];
}

/** Descriptions at least this similar (Dice over word sets), with the same schema, make a rename. */
export const RENAME_SIMILARITY = 0.5;
/** Descriptions at least this similar pair a removed and an added tool whose schemas differ. */
export const RESHAPED_RENAME_SIMILARITY = 0.85;
/** Within one schema bucket, at most this many removed x added comparisons; then exact matches only. */
const MAX_BUCKET_COMPARISONS = 2_500;

/**
 * Pairs tools by name, then finds renames among the rest: a removed and an added tool with the same
 * schema structure (parameter names, types, required) and a similar description, or with names that
 * differ only in case and separators. Candidates are bucketed by schema, so the work stays linear.
 */
export function matchTools(before: readonly McpTool[], after: readonly McpTool[]): ToolMatch {
  const afterByName = new Map(after.map((t) => [t.name, t]));
  const beforeNames = new Set(before.map((t) => t.name));
  const pairs: ToolMatch['pairs'] = [];
  const removed: McpTool[] = [];
  for (const b of before) {
    const a = afterByName.get(b.name);
    if (a) pairs.push({ before: b, after: a });
    else removed.push(b);
  }
  const added = after.filter((t) => !beforeNames.has(t.name));
  const renamed: ToolMatch['renamed'] = [];
  if (removed.length === 0 || added.length === 0) return { pairs, renamed, removed, added };

  const buckets = new Map<string, { removed: McpTool[]; added: McpTool[] }>();
  const bucket = (key: string) => buckets.get(key) ?? buckets.set(key, { removed: [], added: [] }).get(key)!;
  for (const t of removed) bucket(shapeOf(t)).removed.push(t);
  for (const t of added) bucket(shapeOf(t)).added.push(t);
  const taken = new Set<McpTool>();
  for (const { removed: rs, added: as } of buckets.values()) {
    if (rs.length === 0 || as.length === 0) continue;
    const words = new Map<McpTool, Set<string>>();
    const wordsOf = (t: McpTool) => words.get(t) ?? words.set(t, wordSet(t['description'])).get(t)!;
    const full = rs.length * as.length <= MAX_BUCKET_COMPARISONS;
    const byDescription = full ? undefined : new Map(as.map((t) => [String(t['description'] ?? ''), t]));
    for (const r of rs) {
      let best: McpTool | undefined;
      let bestScore = 0;
      if (byDescription) {
        const exact = byDescription.get(String(r['description'] ?? ''));
        if (exact && !taken.has(exact)) [best, bestScore] = [exact, 1];
      } else {
        for (const a of as) {
          if (taken.has(a)) continue;
          const score = Math.max(dice(wordsOf(r), wordsOf(a)), squash(r.name) === squash(a.name) ? 1 : 0);
          if (score > bestScore) [best, bestScore] = [a, score];
        }
      }
      if (best && bestScore >= RENAME_SIMILARITY) {
        taken.add(best);
        renamed.push({ before: r, after: best, similarity: Math.round(bestScore * 100) / 100 });
      }
    }
  }
  // A tool renamed and changed at once (a parameter added, say) has another shape; a nearly
  // identical description still pairs it, so its changes are diffed like those of a kept tool.
  const leftRemoved = removed.filter((t) => !renamed.some((r) => r.before === t));
  const leftAdded = added.filter((t) => !taken.has(t));
  if (leftRemoved.length * leftAdded.length <= MAX_BUCKET_COMPARISONS) {
    for (const r of leftRemoved) {
      let best: McpTool | undefined;
      let bestScore = 0;
      const rw = wordSet(r['description']);
      if (rw.size < 4) continue;
      const kept = paramNames(r);
      for (const a of leftAdded) {
        if (taken.has(a)) continue;
        const now = paramNames(a);
        if (![...kept].every((p) => now.has(p))) continue; // the old interface must still be there
        const score = dice(rw, wordSet(a['description']));
        if (score > bestScore) [best, bestScore] = [a, score];
      }
      if (best && bestScore >= RESHAPED_RENAME_SIMILARITY) {
        taken.add(best);
        renamed.push({ before: r, after: best, similarity: Math.round(bestScore * 100) / 100 });
      }
    }
  }
  const renamedBefore = new Set(renamed.map((r) => r.before));
  return {
    pairs,
    renamed,
    removed: removed.filter((t) => !renamedBefore.has(t)),
    added: added.filter((t) => !taken.has(t)),
  };
}

function paramNames(tool: McpTool): Set<string> {
  const schema = tool['inputSchema'] as { properties?: unknown } | undefined;
  const props = schema && typeof schema.properties === 'object' && schema.properties !== null ? schema.properties : {};
  return new Set(Object.keys(props));
}

/** Structure of the input schema: parameter pointers, types and required flags, no prose. */
function shapeOf(tool: McpTool): string {
  const nodes = schemaNodes(resolveRefs(tool['inputSchema'] ?? {}).schema);
  return [...nodes.values()]
    .map((n) => `${n.pointer}:${n.type}:${n.required ? 1 : 0}`)
    .sort()
    .join('\n');
}

/** The lowercased words of a description (first 10,000 characters). */
export function wordSet(text: unknown): Set<string> {
  const s = typeof text === 'string' ? text.slice(0, 10_000).toLowerCase() : '';
  return new Set(s.match(/[\p{L}\p{N}]+/gu) ?? []);
}

/** Dice similarity of two word sets: 1 for the same words, 0 for none in common. */
export function dice(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  if (a.size === 0 && b.size === 0) return 1;
  let common = 0;
  const [small, large] = a.size < b.size ? [a, b] : [b, a];
  for (const w of small) if (large.has(w)) common++;
  return (2 * common) / (a.size + b.size);
}

function squash(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]/g, '');
}
