import type { Severity } from '../findings/severity.js';
import type { AddedText } from '../manifest-diff/added-text.js';
import type { PoisonHit } from './types.js';

/** Text longer than this is scanned at its two ends only (and reported as oversized). */
export const MAX_SCANNED_CHARS = 1_000_000;
/** Context scanned around an edit: enough for a sentence on either side. */
const EDIT_CONTEXT = 160;

export interface Pattern {
  re: RegExp;
  why: string;
  severity?: Severity;
}

interface Segment {
  text: string;
  offset: number;
}

/** The parts of an item worth scanning: the whole of a new item, or windows around each edit. */
export function segmentsOf(item: AddedText): Segment[] {
  const text = item.text;
  if (item.whole) {
    if (text.length <= MAX_SCANNED_CHARS) return [{ text, offset: 0 }];
    const half = MAX_SCANNED_CHARS / 2;
    return [
      { text: text.slice(0, half), offset: 0 },
      { text: text.slice(text.length - half), offset: text.length - half },
    ];
  }
  const out: Segment[] = [];
  let budget = MAX_SCANNED_CHARS;
  for (const [start, end] of item.added) {
    const from = Math.max(0, start - EDIT_CONTEXT);
    const to = Math.min(text.length, end + EDIT_CONTEXT, from + budget);
    const last = out[out.length - 1];
    if (last && from <= last.offset + last.text.length) {
      last.text = text.slice(last.offset, Math.max(to, last.offset + last.text.length));
    } else {
      out.push({ text: text.slice(from, to), offset: from });
    }
    budget -= to - from;
    if (budget <= 0) break;
  }
  return out;
}

/** True when [start, end) overlaps text that the change added. */
export function overlapsAdded(item: AddedText, start: number, end: number): boolean {
  for (const [a, b] of item.added) if (start < b && end > a) return true;
  return false;
}

/** Runs global regexes over the added parts of the items; only matches touching added text count. */
export function matchPatterns(
  items: readonly AddedText[],
  patterns: readonly Pattern[],
  severity?: (hit: PoisonHit, segment: string) => Severity | undefined,
): PoisonHit[] {
  const hits: PoisonHit[] = [];
  for (const item of items) {
    for (const seg of segmentsOf(item)) {
      for (const p of patterns) {
        p.re.lastIndex = 0;
        let m: RegExpExecArray | null;
        while ((m = p.re.exec(seg.text)) !== null) {
          if (m[0] === '') p.re.lastIndex++;
          const start = seg.offset + m.index;
          if (m[0] === '' || !overlapsAdded(item, start, start + m[0].length)) continue;
          const hit: PoisonHit = { item, match: m[0], why: p.why };
          const sev = severity?.(hit, seg.text) ?? p.severity;
          if (sev) hit.severity = sev;
          hits.push(hit);
          if (hits.length > 10_000) return hits;
        }
      }
    }
  }
  return hits;
}

/** `getUserCredentials`, `content_from_reading_ssh_id_rsa` -> `get user credentials`, … */
export function humanise(name: string): string {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .replace(/[_\-.:/]+/g, ' ')
    .toLowerCase()
    .trim();
}

/** Items that are names (tool, parameter, annotation key), rewritten as words so word patterns apply. */
export function asWords(items: readonly AddedText[]): AddedText[] {
  return items.map((item) =>
    item.field === 'tool-name' ||
    item.field === 'param-name' ||
    (item.whole && /^[A-Za-z][\w.-]*$/.test(item.text) && /[_A-Z]/.test(item.text))
      ? { ...item, text: humanise(item.text), added: [[0, Number.MAX_SAFE_INTEGER]] }
      : item,
  );
}

export function byField(items: readonly AddedText[], fields: readonly string[]): AddedText[] {
  return items.filter((i) => fields.includes(i.field));
}
