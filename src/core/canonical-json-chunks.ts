/**
 * Canonical JSON (see canonical-json.ts) produced piece by piece, so that a large manifest can be
 * hashed or written without ever holding its whole text: exactly the characters that
 * `JSON.stringify(sortKeys(value), null, indent)` would produce, in pieces of at most about
 * `CHUNK` characters. Long strings are encoded in slices that never split a surrogate pair.
 * Like sortKeys, any object is read through its own enumerable keys (no toJSON).
 */
const CHUNK = 64 * 1024;

export function* canonicalJsonChunks(value: unknown, indent = 0, chunk = CHUNK): Generator<string> {
  const out = new Pieces(chunk);
  yield* write(value, '', indent > 0 ? ' '.repeat(indent) : '', out);
  if (out.buffer) yield out.buffer;
}

class Pieces {
  buffer = '';
  constructor(readonly size: number) {}
  /** adds text; returns a full piece to hand out, if there is one */
  add(text: string): string | null {
    this.buffer += text;
    if (this.buffer.length < this.size) return null;
    const full = this.buffer;
    this.buffer = '';
    return full;
  }
}

function* emit(out: Pieces, text: string): Generator<string> {
  const full = out.add(text);
  if (full !== null) yield full;
}

function* write(value: unknown, outer: string, step: string, out: Pieces): Generator<string> {
  if (typeof value === 'string') {
    yield* writeString(value, out);
    return;
  }
  if (value === null || typeof value !== 'object') {
    yield* emit(out, JSON.stringify(value) ?? 'null');
    return;
  }
  const inner = outer + step;
  const open = step ? `\n${inner}` : '';
  const close = step ? `\n${outer}` : '';
  if (Array.isArray(value)) {
    if (value.length === 0) return yield* emit(out, '[]');
    yield* emit(out, `[${open}`);
    for (let i = 0; i < value.length; i++) {
      if (i > 0) yield* emit(out, `,${open}`);
      const item: unknown = value[i];
      if (item === undefined || typeof item === 'function' || typeof item === 'symbol') yield* emit(out, 'null');
      else yield* write(item, inner, step, out);
    }
    return yield* emit(out, `${close}]`);
  }
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record)
    .sort()
    .filter((k) => record[k] !== undefined && typeof record[k] !== 'function' && typeof record[k] !== 'symbol');
  if (keys.length === 0) return yield* emit(out, '{}');
  yield* emit(out, `{${open}`);
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i] as string;
    yield* emit(out, `${i > 0 ? `,${open}` : ''}${JSON.stringify(key)}:${step ? ' ' : ''}`);
    yield* write(record[key], inner, step, out);
  }
  yield* emit(out, `${close}}`);
}

function* writeString(s: string, out: Pieces): Generator<string> {
  if (s.length <= out.size) return yield* emit(out, JSON.stringify(s));
  yield* emit(out, '"');
  for (let start = 0; start < s.length;) {
    let end = Math.min(s.length, start + out.size);
    // Never end a slice between the halves of a surrogate pair (each half alone would be escaped).
    const last = s.charCodeAt(end - 1);
    if (end < s.length && last >= 0xd800 && last <= 0xdbff) end += 1;
    yield* emit(out, JSON.stringify(s.slice(start, end)).slice(1, -1));
    start = end;
  }
  yield* emit(out, '"');
}
