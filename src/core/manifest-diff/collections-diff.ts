import { compactCanonicalJson } from '../canonical-json.js';
import { editedText, stringsIn, wholeText, type TextField } from './added-text.js';
import type { DiffContext } from './diff-context.js';
import type { ManifestView } from './view.js';
import { isRecord } from './view.js';
import { addedRanges, clipWordDiff, wordDiff } from './word-diff.js';

type Item = Record<string, unknown>;

interface Kind {
  kind: 'prompt' | 'resource';
  key: string;
  added: 'manifest/prompt-added' | 'manifest/resource-added';
  removed: 'manifest/prompt-removed' | 'manifest/resource-removed';
  changed: 'manifest/prompt-changed' | 'manifest/resource-changed';
  field: TextField;
}

const PROMPTS: Kind = {
  kind: 'prompt',
  key: 'name',
  added: 'manifest/prompt-added',
  removed: 'manifest/prompt-removed',
  changed: 'manifest/prompt-changed',
  field: 'prompt',
};
const RESOURCES: Kind = {
  kind: 'resource',
  key: 'uri',
  added: 'manifest/resource-added',
  removed: 'manifest/resource-removed',
  changed: 'manifest/resource-changed',
  field: 'resource',
};
const TEMPLATES: Kind = { ...RESOURCES, key: 'uriTemplate' };

/** Prompts, resources, resource templates and the server instructions. */
export function diffCollections(ctx: DiffContext, before: ManifestView, after: ManifestView): void {
  diffList(ctx, PROMPTS, before.prompts, after.prompts);
  diffList(ctx, RESOURCES, before.resources, after.resources);
  diffList(ctx, TEMPLATES, before.resourceTemplates, after.resourceTemplates);
  const bi = before.instructions ?? '';
  const ai = after.instructions ?? '';
  if (bi !== ai) {
    const parts = wordDiff(bi, ai);
    const where = { kind: 'instructions', pointer: '/instructions' };
    ctx.report(
      'manifest/instructions-changed',
      `server instructions ${bi ? (ai ? 'changed' : 'removed') : 'added'}`,
      where,
      { wordDiff: clipWordDiff(parts) },
    );
    ctx.addText(editedText('instructions', ai, addedRanges(parts), where));
  }
}

function diffList(ctx: DiffContext, k: Kind, before: readonly Item[], after: readonly Item[]): void {
  const old = new Map(before.map((x) => [String(x[k.key]), x]));
  const now = new Map(after.map((x) => [String(x[k.key]), x]));
  for (const [id, item] of now) {
    const where = { kind: k.kind, name: id };
    const prev = old.get(id);
    if (!prev) {
      ctx.report(k.added, `${k.kind} ${id} added`, where);
      ctx.addText(wholeText(k.field, id, { ...where, pointer: `/${k.key}` }));
      for (const s of stringsIn(withoutKey(item, k.key)))
        ctx.addText(wholeText(k.field, s.text, { ...where, pointer: s.pointer }));
      continue;
    }
    if (compactCanonicalJson(prev) === compactCanonicalJson(item)) continue;
    for (const field of new Set([...Object.keys(prev), ...Object.keys(item)])) {
      const b = prev[field];
      const a = item[field];
      if (b === a || (b !== undefined && a !== undefined && compactCanonicalJson(b) === compactCanonicalJson(a)))
        continue;
      const pointer = `/${field}`;
      if ((typeof b === 'string' || b === undefined) && typeof a === 'string') {
        const parts = wordDiff(typeof b === 'string' ? b : '', a);
        ctx.report(
          k.changed,
          `${k.kind} ${id}: ${field} changed`,
          { ...where, pointer },
          { wordDiff: clipWordDiff(parts) },
        );
        ctx.addText(editedText(k.field, a, addedRanges(parts), { ...where, pointer }));
        continue;
      }
      ctx.report(
        k.changed,
        `${k.kind} ${id}: ${field} ${b === undefined ? 'added' : a === undefined ? 'removed' : 'changed'}`,
        { ...where, pointer },
        { before: clip(b), after: clip(a) },
      );
      if (a !== undefined) addNewStrings(ctx, k, where, pointer, b, a);
    }
  }
  for (const id of old.keys())
    if (!now.has(id)) ctx.report(k.removed, `${k.kind} ${id} removed`, { kind: k.kind, name: id });
}

/** Strings in the new value that the old value did not have (prompt arguments, annotations…). */
function addNewStrings(
  ctx: DiffContext,
  k: Kind,
  where: { kind: string; name: string },
  pointer: string,
  b: unknown,
  a: unknown,
): void {
  const had = new Set(stringsIn(b).map((s) => s.text));
  for (const s of stringsIn(a))
    if (!had.has(s.text)) ctx.addText(wholeText(k.field, s.text, { ...where, pointer: pointer + s.pointer }));
}

function withoutKey(item: Item, key: string): Item {
  const out: Item = {};
  for (const [k, v] of Object.entries(item)) if (k !== key) out[k] = v;
  return out;
}

function clip(value: unknown): unknown {
  if (value === undefined) return null;
  const text = compactCanonicalJson(value);
  return text.length > 1_000 ? `${text.slice(0, 1_000)}…` : isRecord(value) || Array.isArray(value) ? value : value;
}
