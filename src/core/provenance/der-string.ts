import { VetError } from '../errors.js';

// ASN.1 universal tags of the string types Fulcio may use for extension values.
const STRING_TAGS = new Set([0x0c /* UTF8String */, 0x13 /* PrintableString */, 0x16 /* IA5String */]);

/**
 * Decodes a DER-encoded string (the value of Fulcio extensions 1.3.6.1.4.1.57264.1.8 and later).
 * Strict: one definite-length string element that fills the whole value.
 */
export function decodeDerString(value: Uint8Array, what: string): string {
  const bytes = value;
  const tag = bytes[0];
  if (tag === undefined || !STRING_TAGS.has(tag))
    throw bad(what, `expected a DER string, found tag 0x${(tag ?? 0).toString(16)}`);
  const first = bytes[1];
  if (first === undefined) throw bad(what, 'truncated length');
  let length = first;
  let offset = 2;
  if (first & 0x80) {
    const count = first & 0x7f;
    if (count === 0 || count > 4) throw bad(what, 'unsupported length encoding');
    length = 0;
    for (let i = 0; i < count; i++) {
      const b = bytes[2 + i];
      if (b === undefined) throw bad(what, 'truncated length');
      length = length * 256 + b;
    }
    offset = 2 + count;
    if (length < 0x80) throw bad(what, 'non-minimal length');
  }
  if (offset + length !== bytes.length)
    throw bad(what, `length ${length} does not match the ${bytes.length - offset} bytes present`);
  return new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(offset));
}

/** Legacy Fulcio extensions (.1.1 to .1.6) hold the raw string bytes, without DER framing. */
export function decodeRawString(value: Uint8Array): string {
  return new TextDecoder('utf-8', { fatal: false }).decode(value);
}

function bad(what: string, why: string): VetError {
  return new VetError('INVALID_FILE', `certificate extension ${what}: ${why}`, { details: { field: what } });
}
