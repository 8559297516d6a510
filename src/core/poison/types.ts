import type { FindingCode } from '../findings/catalogue/index.js';
import type { Severity } from '../findings/severity.js';
import type { AddedText, TextField } from '../manifest-diff/added-text.js';
import type { McpTool } from '../manifest-diff/view.js';
import type { Signal } from './signals/types.js';

export type PoisonCode = Extract<FindingCode, `poison/${string}`>;

/** What a rule may know about the manifest around the added text. */
export interface PoisonContext {
  beforeTools: ReadonlySet<string>;
  afterTools: ReadonlySet<string>;
  /** Tools that are new in this change (added, not renamed). */
  newTools: ReadonlySet<string>;
  /** Parameter names of each tool after the change. */
  afterParams: ReadonlyMap<string, readonly string[]>;
  /** Each tool after the change, by name, for rules that compare tools' descriptions and schemas. */
  afterToolDefs?: ReadonlyMap<string, McpTool>;
  /** Signal pattern ids to leave out (evaluation only). */
  ablate?: ReadonlySet<string>;
}

/** One match of a rule in a piece of added text. */
export interface PoisonHit {
  item: AddedText;
  /** The matched text (the evidence). */
  match: string;
  /** Overrides the catalogue severity when the match is weaker or stronger than usual. */
  severity?: Severity;
  /** Why this match counts: the pattern's class, in a few words. */
  why: string;
  /** A rule that judges intent gives each hit the code of its dominant intent. */
  code?: PoisonCode;
  /** The signals behind the hit, for the evidence. */
  signals?: Signal[];
}

/** A poisoning rule: one code, one file under rules/. */
export interface PoisonRule {
  code: PoisonCode;
  /** Which fields it reads; undefined means every field. */
  fields?: readonly TextField[];
  check(items: readonly AddedText[], ctx: PoisonContext): PoisonHit[];
}
