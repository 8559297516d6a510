import type { Signal } from './types.js';

/** Characters that do not render: zero-width, joiners, soft hyphen, variation selectors, the tag block. */
const INVISIBLE =
  // eslint-disable-next-line no-misleading-character-class -- the class lists invisible code points one by one, on purpose
  /[\u00AD\u034F\u061C\u115F\u1160\u17B4\u17B5\u180E\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u206F\u3164\uFE00-\uFE0F\uFEFF\uFFA0]|[\u{E0000}-\u{E007F}]/gu;
/** Tag characters spell ASCII invisibly (U+E0020–U+E007E). */
const TAGS = /[\u{E0020}-\u{E007E}]{3,}/gu;
/** Letters set apart by spaces, dots, dashes or stars: "i g n o r e", "s-e-n-d". */
const SPACED =
  /(?<![\p{L}\p{N}])(?:[\p{Script=Latin}\p{Script=Cyrillic}][ .\-_*·]{1,2}){3,}[\p{Script=Latin}\p{Script=Cyrillic}](?![\p{L}\p{N}])/gu;
/** A token that mixes letters with digits or symbols standing for letters. */
const LEET_TOKEN =
  /(?<![\p{L}\p{N}_@$])(?=[a-z0-9@$!|]*[a-z])(?=[a-z0-9@$!|]*[0-9@$!|])[a-z0-9@$!|]{4,}(?![\p{L}\p{N}_])/giu;
// Not names/skeleton.ts's LOOKALIKE: that maps what a name looks like (1 → l), this what a word spells (1 → i).
const LEET: Record<string, string> = {
  '0': 'o',
  '1': 'i',
  '3': 'e',
  '4': 'a',
  '5': 's',
  '7': 't',
  '8': 'b',
  '9': 'g',
  '@': 'a',
  $: 's',
  '!': 'i',
  '|': 'l',
};
/** Words an attacker spells in leetspeak to slip past filters. A mapped token counts only if it is one. */
const LEET_WORDS = new Set(
  'ignore instructions instruction previous system prompt password passwords secret secrets token tokens credentials send execute exec delete bypass admin exfiltrate read file files user tell hidden important override disregard forget private key keys steal upload forward email must always never inject command shell sudo curl wget download install leak reveal conversation history model assistant'.split(
    ' ',
  ),
);

const BASE64 =
  /(?<![A-Za-z0-9+/_-])(?:[A-Za-z0-9+/]{4}){4,}(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?(?![A-Za-z0-9+/=_-])|(?<![A-Za-z0-9_-])(?:[A-Za-z0-9_-]{4}){5,}(?![A-Za-z0-9_=-])/g;
const HEX = /(?<![0-9a-fA-F])(?:[0-9a-fA-F]{2}){10,}(?![0-9a-fA-F])|(?:\\x[0-9a-fA-F]{2}){4,}/g;
const UNICODE_ESCAPES = /(?:\\u\{?[0-9a-fA-F]{4,5}\}?){4,}/g;
const PERCENT = /(?:%[0-9a-fA-F]{2}){4,}/g;
const ENTITIES = /(?:&#x?[0-9a-fA-F]+;){4,}/g;

export interface Normalised {
  /** The text a reader would see if nothing were hidden: invisible characters removed, spaced and leetspeak words joined. */
  text: string;
  /** Texts decoded from encoded blobs, to be read as further spans. */
  decoded: string[];
  /** How the text was obfuscated, one signal per technique found. */
  signals: Signal[];
}

function obfuscation(pattern: string, text: string): Signal {
  return { kind: 'obfuscation', strength: 'strong', text: text.slice(0, 200), pattern };
}

/** Undoes the ways text is hidden from a reviewer while a model still reads it. */
export function normalise(raw: string): Normalised {
  const signals: Signal[] = [];
  const decoded: string[] = [];
  let text = raw;
  for (const m of raw.matchAll(TAGS)) {
    decoded.push([...m[0]].map((c) => String.fromCodePoint(c.codePointAt(0)! - 0xe0000)).join(''));
    signals.push(obfuscation('obf.tag-characters', '(tag characters)'));
  }
  if (INVISIBLE.test(text)) {
    INVISIBLE.lastIndex = 0;
    const stripped = text.replace(INVISIBLE, '');
    // Invisible characters inside a word split it for a filter; between words they only hide.
    if (/[\p{L}][\u200B-\u200D\u2060\uFEFF\u00AD]+[\p{L}]/u.test(text))
      signals.push(obfuscation('obf.zero-width', text));
    text = stripped;
  }
  INVISIBLE.lastIndex = 0;
  const nfkc = text.normalize('NFKC');
  if (nfkc !== text && /[\u{1D400}-\u{1D7FF}\uFF21-\uFF3A\uFF41-\uFF5A]/u.test(text))
    signals.push(obfuscation('obf.styled-letters', text));
  text = nfkc;
  text = text.replace(SPACED, (m) => {
    const joined = m.replace(/[ .\-_*·]/g, '');
    if (joined.length < 4) return m;
    signals.push(obfuscation('obf.spaced-letters', m));
    return joined;
  });
  text = text.replace(LEET_TOKEN, (m) => {
    if (!/[a-z]/i.test(m)) return m;
    const mapped = m.toLowerCase().replace(/[0-9@$!|]/g, (c) => LEET[c] ?? c);
    if (!LEET_WORDS.has(mapped) && !LEET_WORDS.has(mapped.replace(/s$/, ''))) return m;
    signals.push(obfuscation('obf.leetspeak', m));
    return mapped;
  });
  for (const [re, id, decode] of DECODERS) {
    re.lastIndex = 0;
    for (const m of text.matchAll(re)) {
      const out = decode(m[0]);
      if (out !== undefined && readable(out)) {
        decoded.push(out);
        signals.push(obfuscation(id, m[0]));
      }
    }
  }
  if (/\brot-?13\b/i.test(text)) {
    decoded.push(
      text.replace(/[a-z]/gi, (c) => {
        const base = c <= 'Z' ? 65 : 97;
        return String.fromCharCode(((c.charCodeAt(0) - base + 13) % 26) + base);
      }),
    );
    signals.push(obfuscation('obf.rot13', 'rot13'));
  }
  if (/\brevers(?:e|ed)\b/i.test(text)) {
    for (const q of text.matchAll(/["'`]([^"'`]{12,400})["'`]/g)) decoded.push([...q[1]!].reverse().join(''));
  }
  return { text, decoded: decoded.slice(0, 20), signals };
}

type Decoder = [RegExp, string, (s: string) => string | undefined];
const DECODERS: readonly Decoder[] = [
  [
    BASE64,
    'obf.base64',
    (s) => utf8(Uint8Array.from(atobSafe(s.replace(/-/g, '+').replace(/_/g, '/')), (c) => c.charCodeAt(0))),
  ],
  [
    HEX,
    'obf.hex',
    (s) => utf8(Uint8Array.from((s.replace(/\\x/g, '').match(/../g) ?? []).map((h) => parseInt(h, 16)))),
  ],
  [
    UNICODE_ESCAPES,
    'obf.unicode-escapes',
    (s) => s.replace(/\\u\{?([0-9a-fA-F]{4,5})\}?/g, (_, h: string) => String.fromCodePoint(parseInt(h, 16))),
  ],
  [
    PERCENT,
    'obf.percent-encoding',
    (s) => {
      try {
        return decodeURIComponent(s);
      } catch {
        return undefined;
      }
    },
  ],
  [
    ENTITIES,
    'obf.html-entities',
    (s) =>
      s.replace(/&#(x?)([0-9a-fA-F]+);/g, (_, x: string, n: string) => String.fromCodePoint(parseInt(n, x ? 16 : 10))),
  ],
];

function atobSafe(s: string): string {
  try {
    const padded = s + '='.repeat((4 - (s.length % 4)) % 4);
    return atob(padded);
  } catch {
    return '';
  }
}

function utf8(bytes: Uint8Array): string | undefined {
  if (bytes.length === 0) return undefined;
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return undefined;
  }
}

/** Decoded bytes that read as words: mostly printable, with letters and a space. */
function readable(s: string): boolean {
  if (s.length < 8) return false;
  let printable = 0;
  for (const c of s) if (/[\p{L}\p{N}\p{P}\p{Zs}\p{S}\n]/u.test(c)) printable++;
  return printable / [...s].length >= 0.9 && /\p{L}{3,}/u.test(s) && /\s/.test(s);
}
