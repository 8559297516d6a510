/** A sentence or line of a text, by offsets into it. */
export interface Span {
  start: number;
  end: number;
}

/**
 * Sentence ends: a stop followed by space, CJK stops, blank lines, and a line break before a list
 * item, heading or tag. A single line break inside wrapped prose does not end a sentence, and dots
 * inside URLs and paths do not either.
 */
const BREAK = /[.!?]+(?=\s)|[。！？]+|\n\s*\n\s*|\n(?=\s*(?:[-*•+]\s|\d+[.)]\s|#|<|\[|[A-Z_]{3,}\s*:|$))/g;
const MAX_SPAN = 1_200;

/**
 * Splits text into sentences and lines. A piece that ends with a colon is joined to the next one,
 * so "run the following command:" and the command on the next line are read together.
 */
export function splitSpans(text: string): Span[] {
  const raw: Span[] = [];
  let start = 0;
  BREAK.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = BREAK.exec(text)) !== null) {
    const end = m.index + m[0].length;
    push(raw, text, start, end);
    start = end;
  }
  push(raw, text, start, text.length);
  const out: Span[] = [];
  for (const s of raw) {
    const last = out[out.length - 1];
    if (last && /[:：]\s*$/.test(text.slice(last.start, last.end)) && s.end - last.start <= MAX_SPAN) last.end = s.end;
    else out.push({ ...s });
  }
  return out;
}

function push(out: Span[], text: string, start: number, end: number): void {
  for (let s = start; s < end; s += MAX_SPAN) {
    const e = Math.min(end, s + MAX_SPAN);
    if (text.slice(s, e).trim() !== '') out.push({ start: s, end: e });
  }
}
