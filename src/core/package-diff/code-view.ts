import { structuredPatch } from 'diff';
import type { Finding } from '../findings/finding.js';
import type { FileChanges } from './file-pairs.js';
import type { PackageEntry } from './input.js';

export interface CodeViewLimits {
  maxFiles: number;
  maxLinesPerFile: number;
  maxTotalLines: number;
  maxLineChars: number;
  /** give up on a file whose line diff needs more edits than this (Myers diff is O(N·D)) */
  maxEditLength: number;
}

export const DEFAULT_CODE_VIEW_LIMITS: CodeViewLimits = {
  maxFiles: 40,
  maxLinesPerFile: 400,
  maxTotalLines: 5000,
  maxLineChars: 240,
  maxEditLength: 4000,
};

const decoder = new TextDecoder('utf-8', { fatal: false });

/**
 * A bounded unified diff of the files that changed (text files whose content was kept), with the
 * findings anchored to a file listed under its header and marked after the line they point at.
 * Plain text from the package: the caller escapes it before printing.
 */
export function renderCodeView(
  changes: FileChanges,
  findings: readonly Finding[],
  limits: CodeViewLimits = DEFAULT_CODE_VIEW_LIMITS,
): string {
  const byFile = new Map<string, Finding[]>();
  for (const f of findings) {
    const file = f.location?.file;
    if (file) byFile.set(file, [...(byFile.get(file) ?? []), f]);
  }
  type Item = { before?: PackageEntry; after?: PackageEntry };
  const items: Item[] = [
    ...changes.changed.map((p): Item => ({ before: p.before, after: p.after })),
    ...changes.added.map((f): Item => ({ after: f })),
    ...changes.removed.map((f): Item => ({ before: f })),
  ].sort((x, y) => ((x.after ?? x.before)!.path < (y.after ?? y.before)!.path ? -1 : 1));
  const out: string[] = [];
  let total = 0;
  let shown = 0;
  for (const item of items) {
    if (shown >= limits.maxFiles || total >= limits.maxTotalLines) {
      out.push(`… ${items.length - shown} more changed files not shown`);
      break;
    }
    shown++;
    const oldPath = item.before ? `a/${item.before.path}` : '/dev/null';
    const newPath = item.after ? `b/${item.after.path}` : '/dev/null';
    out.push(`--- ${oldPath}`, `+++ ${newPath}`);
    const anchored = item.after ? (byFile.get(item.after.path) ?? []) : [];
    for (const f of anchored)
      out.push(`!! ${f.severity} ${f.code}${f.location?.line ? ` line ${f.location.line}` : ''}: ${f.message}`);
    const oldText = textOf(item.before);
    const newText = textOf(item.after);
    if ((item.before && oldText === null) || (item.after && newText === null)) {
      out.push('(binary or not read: content not shown)');
      continue;
    }
    const patch = structuredPatch(oldPath, newPath, oldText ?? '', newText ?? '', undefined, undefined, {
      context: 3,
      maxEditLength: limits.maxEditLength,
    });
    if (!patch) {
      out.push('(too many changes to show as a diff)');
      continue;
    }
    const marks = new Map<number, Finding[]>();
    for (const f of anchored)
      if (f.location?.line) marks.set(f.location.line, [...(marks.get(f.location.line) ?? []), f]);
    let lines = 0;
    for (const hunk of patch.hunks) {
      if (lines >= limits.maxLinesPerFile || total >= limits.maxTotalLines) {
        out.push('… (diff of this file cut short)');
        break;
      }
      out.push(`@@ -${hunk.oldStart},${hunk.oldLines} +${hunk.newStart},${hunk.newLines} @@`);
      let newLine = hunk.newStart;
      for (const l of hunk.lines) {
        if (lines >= limits.maxLinesPerFile || total >= limits.maxTotalLines) break;
        out.push(
          l.length > limits.maxLineChars
            ? `${l.slice(0, limits.maxLineChars)}… (${l.length - limits.maxLineChars} more characters)`
            : l,
        );
        lines++;
        total++;
        if (l.startsWith('-') || l.startsWith('\\')) continue;
        for (const f of marks.get(newLine) ?? []) out.push(`!! ^ ${f.severity} ${f.code}`);
        newLine++;
      }
    }
  }
  return out.length ? `${out.join('\n')}\n` : '';
}

function textOf(file: PackageEntry | undefined): string | null {
  if (!file?.content) return null;
  const head = file.content.subarray(0, 8192);
  if (head.includes(0)) return null;
  return decoder.decode(file.content);
}
