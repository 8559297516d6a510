import { lexicons, type LexiconCategory } from './lexicons/index.js';

interface Entry {
  id: string;
  anchored: RegExp;
}

export interface CompiledCategory {
  /** One global regex over every language's entries of the category. */
  re: RegExp;
  entries: readonly Entry[];
}

const NOT_WORD_BEFORE = String.raw`(?<![\p{L}\p{N}_])`;
const NOT_WORD_AFTER = String.raw`(?![\p{L}\p{N}])`;

const compiled = new Map<LexiconCategory, CompiledCategory>();

/** Every language's entries of one category as one case-insensitive regex, compiled once. */
export function lexiconCategory(category: LexiconCategory): CompiledCategory {
  let c = compiled.get(category);
  if (c) return c;
  const spaced: string[] = [];
  const unspaced: string[] = [];
  const entries: Entry[] = [];
  for (const lex of lexicons) {
    lex[category].forEach((fragment, i) => {
      (lex.unspaced ? unspaced : spaced).push(fragment);
      const wrapped = lex.unspaced ? fragment : fragment;
      entries.push({ id: `lex.${category}.${lex.lang}.${i}`, anchored: new RegExp(`^(?:${wrapped})$`, 'iu') });
    });
  }
  const parts: string[] = [];
  if (spaced.length > 0) parts.push(`${NOT_WORD_BEFORE}(?:${spaced.join('|')})${NOT_WORD_AFTER}`);
  if (unspaced.length > 0) parts.push(`(?:${unspaced.join('|')})`);
  c = { re: new RegExp(parts.length > 0 ? parts.join('|') : '(?!)', 'giu'), entries };
  compiled.set(category, c);
  return c;
}

export interface LexiconMatch {
  text: string;
  index: number;
  id: string;
}

/** Matches of a category in a text, each with the id of the entry that matched. */
export function matchLexicon(category: LexiconCategory, text: string, limit = 50): LexiconMatch[] {
  const { re, entries } = lexiconCategory(category);
  const out: LexiconMatch[] = [];
  re.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text)) !== null && out.length < limit) {
    if (m[0] === '') {
      re.lastIndex++;
      continue;
    }
    const entry = entries.find((e) => e.anchored.test(m![0]));
    out.push({ text: m[0], index: m.index, id: entry?.id ?? `lex.${category}` });
  }
  return out;
}
