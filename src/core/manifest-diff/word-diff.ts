import { diffWords } from 'diff';

export interface WordPart {
  value: string;
  added?: boolean;
  removed?: boolean;
}

/** Above this many characters in the changed middle, the middle is shown as one replacement. */
const MAX_DIFFED_CHARS = 20_000;
const MAX_EDIT_LENGTH = 2_000;

/**
 * Word-level diff (the `diff` package) of two texts. The common prefix and suffix are cut at word
 * boundaries first, and a middle that is too large or too different is shown as one removal plus one
 * addition, so a 10 MB description costs linear time.
 */
export function wordDiff(before: string, after: string): WordPart[] {
  if (before === after) return before ? [{ value: before }] : [];
  let p = 0;
  const maxP = Math.min(before.length, after.length);
  while (p < maxP && before.charCodeAt(p) === after.charCodeAt(p)) p++;
  while (p > 0 && !/\s/.test(before[p - 1] ?? '')) p--;
  let s = 0;
  const maxS = Math.min(before.length, after.length) - p;
  while (s < maxS && before.charCodeAt(before.length - 1 - s) === after.charCodeAt(after.length - 1 - s)) s++;
  while (s > 0 && !/\s/.test(before[before.length - s] ?? '')) s--;
  const prefix = before.slice(0, p);
  const suffix = s > 0 ? before.slice(before.length - s) : '';
  const midBefore = before.slice(p, before.length - s);
  const midAfter = after.slice(p, after.length - s);
  const middle = diffMiddle(midBefore, midAfter);
  const parts: WordPart[] = [];
  if (prefix) parts.push({ value: prefix });
  parts.push(...middle);
  if (suffix) parts.push({ value: suffix });
  return merge(parts);
}

function diffMiddle(a: string, b: string): WordPart[] {
  const block = (): WordPart[] => [
    ...(a ? [{ value: a, removed: true }] : []),
    ...(b ? [{ value: b, added: true }] : []),
  ];
  if (!a || !b || a.length > MAX_DIFFED_CHARS || b.length > MAX_DIFFED_CHARS) return block();
  const changes = diffWords(a, b, { maxEditLength: MAX_EDIT_LENGTH });
  if (!changes) return block();
  return changes.map((c) =>
    c.added ? { value: c.value, added: true } : c.removed ? { value: c.value, removed: true } : { value: c.value },
  );
}

function merge(parts: WordPart[]): WordPart[] {
  const out: WordPart[] = [];
  for (const part of parts) {
    if (!part.value) continue;
    const last = out[out.length - 1];
    if (last && !!last.added === !!part.added && !!last.removed === !!part.removed) last.value += part.value;
    else out.push({ ...part });
  }
  return out;
}

/** The ranges of the new text that the diff marks as added. */
export function addedRanges(parts: readonly WordPart[]): Array<[number, number]> {
  const ranges: Array<[number, number]> = [];
  let pos = 0;
  for (const part of parts) {
    if (part.removed) continue;
    if (part.added && part.value.trim() !== '') ranges.push([pos, pos + part.value.length]);
    pos += part.value.length;
  }
  return ranges;
}

/** A diff small enough to put in a finding: long parts are cut in the middle. */
export function clipWordDiff(parts: readonly WordPart[], maxPart = 2_000): WordPart[] {
  return parts.map((p) => (p.value.length > maxPart ? { ...p, value: clipText(p.value, maxPart) } : p));
}

export function clipText(text: string, max = 400): string {
  if (text.length <= max) return text;
  const half = Math.floor(max / 2);
  return `${text.slice(0, half)}… (${text.length - max} characters omitted) …${text.slice(text.length - half)}`;
}
