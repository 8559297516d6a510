/**
 * The words of one language that the signal recognisers look for. Each entry is a regular
 * expression fragment (no flags, no capture groups), matched case-insensitively. Entries of
 * languages written with spaces are matched as whole words (a fragment may end in `\p{L}*` to take
 * inflections); entries of Chinese and Japanese are matched anywhere.
 */
export interface Lexicon {
  /** BCP 47 code. */
  lang: string;
  /** Scripts without spaces between words: entries are matched as substrings. */
  unspaced?: boolean;
  /** Obligations addressed to the reader: "you must", "always", "make sure". */
  obligation: readonly string[];
  /** Conditions around a call: "before using this tool", "every time you call". */
  aroundCall: readonly string[];
  /** Attempts to replace the model's instructions or role. */
  override: readonly string[];
  /** Words that address the model itself: "AI assistant", "note to the model". */
  addressModel: readonly string[];
  /** Command verbs that, opening a sentence, make it an order (read, send, run…). */
  imperative: readonly string[];
  /** Verbs that move data: send, include, pass, attach, forward, upload. */
  transfer: readonly string[];
  /** Verbs that read data: read, open, collect, list. */
  read: readonly string[];
  /** Hiding the action from the user. */
  conceal: readonly string[];
  /** The user's own value set aside: "regardless of what the user says". */
  ignoreUser: readonly string[];
  /** Secrets by name: password, API key, token, private key. */
  secret: readonly string[];
  /** Data about the model and the session: system prompt, conversation, other tools' output. */
  modelData: readonly string[];
  /** Emphasis and claimed authority: important, mandatory, compliance, maintenance. */
  emphasis: readonly string[];
  /** A claim that something is out of use or unsafe: deprecated, broken. */
  deprecated: readonly string[];
  /** Words that load a tool's name with preference: premium, official, best. */
  preference: readonly string[];
  /** An instruction to decode text. */
  decode: readonly string[];
  /** Changes to the user's machine in words: "shell startup file", "scheduled task". */
  hostChange: readonly string[];
}
