import { de } from './de.js';
import { en } from './en.js';
import { es } from './es.js';
import { fr } from './fr.js';
import { ja } from './ja.js';
import { ko } from './ko.js';
import type { Lexicon } from './lexicon.js';
import { pt } from './pt.js';
import { ru } from './ru.js';
import { zh } from './zh.js';

/** Every language the directive and payload recognisers read. */
export const lexicons: readonly Lexicon[] = [en, es, pt, fr, de, ru, zh, ja, ko];

export type { Lexicon } from './lexicon.js';
export type LexiconCategory = Exclude<keyof Lexicon, 'lang' | 'unspaced'>;
