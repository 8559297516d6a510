import { describe, expect, it } from 'vitest';
import { escapeForTerminal, hasUnsafeCharacters } from '../../../src/core/text/escape.js';

describe('terminal escaping', () => {
  it('escapes C0, DEL, C1, bidi and invisible characters, and lone surrogates', () => {
    const input = 'a\u001b[31mb\u0000c\u007fd\u009be\u202ef\u200bg\u2066h\ud800i\udc00j';
    const out = escapeForTerminal(input);
    expect(out).toBe('a\\u{001B}[31mb\\u{0000}c\\u{007F}d\\u{009B}e\\u{202E}f\\u{200B}g\\u{2066}h\\u{D800}i\\u{DC00}j');
    expect(hasUnsafeCharacters(input)).toBe(true);
  });
  it('keeps ordinary text, emoji and (unless single-line) newlines and tabs', () => {
    expect(escapeForTerminal('héllo 👋\n\tx')).toBe('héllo 👋\n\tx');
    expect(escapeForTerminal('a\nb', { singleLine: true })).toBe('a\\nb');
    expect(hasUnsafeCharacters('plain text')).toBe(false);
  });
  it('escapes Unicode tag characters used to hide text', () => {
    expect(escapeForTerminal('x\u{E0041}y')).toBe('x\\u{E0041}y');
  });
});
