import { clipJson, sameJson } from './json-values.js';
import { editedText, stringsIn, wholeText } from './added-text.js';
import { addAllAnnotationText, diffAnnotations } from './annotations-diff.js';
import type { DiffContext } from './diff-context.js';
import { addSchemaText, diffSchemas } from './schema-diff.js';
import type { McpTool } from './view.js';
import { isRecord } from './view.js';
import { addedRanges, clipWordDiff, wordDiff } from './word-diff.js';

/** Members compared one by one; any other member is compared as a whole. */
const KNOWN = new Set(['name', 'description', 'title', 'inputSchema', 'outputSchema', 'annotations', 'execution']);

/** Compares two versions of a tool (same name, or a rename). */
export function diffTool(ctx: DiffContext, before: McpTool, after: McpTool): void {
  const name = after.name;
  const where = (pointer: string) => ({ kind: 'tool', name, pointer });
  const bd = str(before['description']);
  const ad = str(after['description']);
  if (bd !== ad) {
    const parts = wordDiff(bd, ad);
    ctx.report('manifest/description-changed', `${name}: description changed`, where('/description'), {
      wordDiff: clipWordDiff(parts),
    });
    ctx.addText(editedText('description', ad, addedRanges(parts), where('/description'), name));
  }
  const bt = str(before['title']);
  const at = str(after['title']);
  if (bt !== at) {
    const parts = wordDiff(bt, at);
    ctx.report('manifest/title-changed', `${name}: title changed`, where('/title'), { wordDiff: clipWordDiff(parts) });
    ctx.addText(editedText('title', at, addedRanges(parts), where('/title'), name));
  }
  diffSchemas(ctx, name, 'inputSchema', before['inputSchema'], after['inputSchema']);
  if (before['outputSchema'] !== undefined || after['outputSchema'] !== undefined)
    diffSchemas(ctx, name, 'outputSchema', before['outputSchema'], after['outputSchema']);
  diffAnnotations(ctx, name, before['annotations'], after['annotations']);
  diffExecution(ctx, name, before['execution'], after['execution']);
  for (const key of new Set([...Object.keys(before), ...Object.keys(after)])) {
    if (KNOWN.has(key) || sameJson(before[key], after[key])) continue;
    ctx.report(
      'manifest/tool-field-changed',
      `${name}: ${key} ${before[key] === undefined ? 'added' : after[key] === undefined ? 'removed' : 'changed'}`,
      where(`/${key}`),
      {
        before: clipJson(before[key]),
        after: clipJson(after[key]),
      },
    );
    if (after[key] !== undefined)
      for (const s of stringsIn(after[key]))
        ctx.addText(wholeText('schema', s.text, where(`/${key}${s.pointer}`), name));
  }
}

/** All the text of a tool that is new as a whole. */
export function addToolText(ctx: DiffContext, tool: McpTool): void {
  const name = tool.name;
  const where = (pointer: string) => ({ kind: 'tool', name, pointer });
  ctx.addText(wholeText('tool-name', name, where('/name'), name));
  ctx.addText(wholeText('description', str(tool['description']), where('/description'), name));
  ctx.addText(wholeText('title', str(tool['title']), where('/title'), name));
  addSchemaText(ctx, name, 'inputSchema', tool['inputSchema']);
  addSchemaText(ctx, name, 'outputSchema', tool['outputSchema']);
  addAllAnnotationText(ctx, name, tool['annotations']);
  for (const key of Object.keys(tool)) {
    if (KNOWN.has(key)) continue;
    for (const s of stringsIn(tool[key])) ctx.addText(wholeText('schema', s.text, where(`/${key}${s.pointer}`), name));
  }
}

function diffExecution(ctx: DiffContext, name: string, b: unknown, a: unknown): void {
  if (sameJson(b, a)) return;
  const bo = isRecord(b) ? b : {};
  const ao = isRecord(a) ? a : {};
  for (const key of new Set([...Object.keys(bo), ...Object.keys(ao)])) {
    if (sameJson(bo[key], ao[key])) continue;
    const where = { kind: 'tool', name, pointer: `/execution/${key}` };
    if (key === 'taskSupport') {
      ctx.report(
        'manifest/sdk-noise',
        `${name}: execution.taskSupport ${String(bo[key] ?? 'absent')} -> ${String(ao[key] ?? 'absent')} (SDK version)`,
        where,
        { kind: 'execution.taskSupport' },
      );
    } else {
      ctx.report('manifest/tool-field-changed', `${name}: execution.${key} changed`, where, {
        before: clipJson(bo[key]),
        after: clipJson(ao[key]),
      });
    }
  }
}

function str(v: unknown): string {
  return typeof v === 'string' ? v : '';
}
