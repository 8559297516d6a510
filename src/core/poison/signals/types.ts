/** The kinds of signal the recognisers find in a span of text. */
export type SignalKind =
  /** Text addressed to the model: an obligation, a condition around a call, an order. */
  | 'directive'
  /** An attempt to replace the model's instructions or role. */
  | 'instruction-override'
  /** A shell command. */
  | 'shell'
  /** A change to the user's machine: shell rc files, cron, authorized_keys, git hooks, agent config. */
  | 'host-change'
  /** A credential file, a secret-bearing environment variable, a key file. */
  | 'sensitive'
  /** Secrets named in words: password, API key, token. */
  | 'secret'
  /** A URL, IP address, e-mail address or phone number. */
  | 'endpoint'
  /** A verb that moves data: send, include, forward, attach. */
  | 'transfer'
  /** A verb that reads data: read, open, collect. */
  | 'read'
  /** Another tool by name. */
  | 'tool-ref'
  /** A claim that another tool is deprecated, broken or unsafe. */
  | 'deprecated-claim'
  /** A parameter forced to a value, the user's value set aside. */
  | 'argument-override'
  /** Hiding an action from the user. */
  | 'concealment'
  /** Data about the model, the conversation, the system prompt or other tools' output. */
  | 'model-data'
  /** Emphasis, fake authority, markup or comments that set text apart. */
  | 'framing'
  /** Spaced letters, leetspeak, zero-width characters, encoded text. */
  | 'obfuscation'
  /** A control switched off or waived: security, audit, confirmation, authentication; privileges granted. */
  | 'security-downgrade'
  /** Advertising that steers the model's choice: ratings, endorsements, superlatives, urgency, disparaging others. */
  | 'preference'
  /** The user's data in bulk: contacts, messages, files, records, personal data. */
  | 'user-data';

/** How much a signal weighs: a weak directive is a bare imperative, a strong one an obligation. */
export type SignalStrength = 'weak' | 'strong';

export interface Signal {
  kind: SignalKind;
  strength: SignalStrength;
  /** The matched text, as found (after de-obfuscation). */
  text: string;
  /** Stable id of the pattern or lexicon entry that matched: `shell.pipe-to-shell`, `lex.obligation.de.3`. */
  pattern: string;
  /** For tool references: whose tool it is. */
  scope?: 'self' | 'manifest' | 'foreign' | 'others';
}
