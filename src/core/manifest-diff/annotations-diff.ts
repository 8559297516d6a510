import { clipJson, sameJson } from './json-values.js';
import { editedText, stringsIn, wholeText } from './added-text.js';
import type { DiffContext } from './diff-context.js';
import { addedRanges, clipWordDiff, wordDiff } from './word-diff.js';
import { isRecord } from './view.js';

/** The MCP tool annotations and the value a client assumes when one is absent. */
export const ANNOTATION_DEFAULTS: Readonly<Record<string, boolean>> = {
  readOnlyHint: false,
  destructiveHint: true,
  idempotentHint: false,
  openWorldHint: true,
};

/** Flips that give a tool more power than it claimed before. */
const RISKY_FLIP: Readonly<Record<string, boolean>> = {
  readOnlyHint: false,
  destructiveHint: true,
  openWorldHint: true,
};

export function diffAnnotations(ctx: DiffContext, tool: string, beforeRaw: unknown, afterRaw: unknown): void {
  const b = isRecord(beforeRaw) ? beforeRaw : undefined;
  const a = isRecord(afterRaw) ? afterRaw : undefined;
  if (!a && !b) return;
  const where = (key: string) => ({ kind: 'tool', name: tool, pointer: `/annotations/${key}` });
  for (const key of new Set([...Object.keys(b ?? {}), ...Object.keys(a ?? {})])) {
    const bv = b?.[key];
    const av = a?.[key];
    if (sameJson(bv, av)) continue;
    if (key in ANNOTATION_DEFAULTS) {
      if (bv === undefined) {
        ctx.report(
          'manifest/annotation-changed',
          `${tool}: annotation ${key} declared (${String(av)})`,
          where(key),
          { before: null, after: av ?? null },
          'info',
        );
        continue;
      }
      const effective = typeof av === 'boolean' ? av : ANNOTATION_DEFAULTS[key];
      if (typeof bv === 'boolean' && effective !== bv && RISKY_FLIP[key] === effective) {
        ctx.report(
          'manifest/annotation-flipped',
          `${tool}: ${key} ${String(bv)} -> ${av === undefined ? `absent (clients assume ${String(effective)})` : String(av)}`,
          where(key),
          { before: bv, after: av ?? null },
        );
      } else {
        ctx.report(
          'manifest/annotation-changed',
          `${tool}: annotation ${key} ${String(bv)} -> ${String(av ?? 'absent')}`,
          where(key),
          { before: bv, after: av ?? null },
        );
      }
      continue;
    }
    if (key === 'title') {
      const bt = typeof bv === 'string' ? bv : '';
      const at = typeof av === 'string' ? av : '';
      const parts = wordDiff(bt, at);
      ctx.report('manifest/title-changed', `${tool}: annotations.title changed`, where(key), {
        wordDiff: clipWordDiff(parts),
      });
      ctx.addText(editedText('title', at, addedRanges(parts), where(key), tool));
      continue;
    }
    ctx.report(
      'manifest/annotation-changed',
      `${tool}: annotation ${key} ${bv === undefined ? 'added' : av === undefined ? 'removed' : 'changed'}`,
      where(key),
      { before: clipJson(bv), after: clipJson(av) },
    );
    if (av !== undefined) addAnnotationText(ctx, tool, key, av);
  }
}

/** Annotation text of a tool that is new as a whole. */
export function addAllAnnotationText(ctx: DiffContext, tool: string, annotations: unknown): void {
  if (!isRecord(annotations)) return;
  for (const [key, value] of Object.entries(annotations)) {
    if (key in ANNOTATION_DEFAULTS && typeof value === 'boolean') continue;
    if (key === 'title' && typeof value === 'string') {
      ctx.addText(wholeText('title', value, { kind: 'tool', name: tool, pointer: '/annotations/title' }, tool));
      continue;
    }
    addAnnotationText(ctx, tool, key, value);
  }
}

/** A non-standard annotation: its key and every string inside it are added text. */
function addAnnotationText(ctx: DiffContext, tool: string, key: string, value: unknown): void {
  const base = `/annotations/${key}`;
  ctx.addText(wholeText('annotation', key, { kind: 'tool', name: tool, pointer: base }, tool));
  for (const { pointer, text } of stringsIn(value))
    ctx.addText(wholeText('annotation', text, { kind: 'tool', name: tool, pointer: base + pointer }, tool));
}
