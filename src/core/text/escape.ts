/**
 * Makes text from an untrusted source safe to print on a terminal: control characters (C0, DEL,
 * C1, so also ESC and CSI), bidirectional controls and invisible format characters are shown as
 * `\u{XXXX}` escapes. Newlines and tabs are kept unless `singleLine` is set.
 */
const UNSAFE =
  // eslint-disable-next-line no-misleading-character-class -- lone surrogates are matched on purpose
  /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u00ad\u061c\u115f\u1160\u180e\u200b-\u200f\u2028-\u202e\u2060-\u206f\u3164\ufe00-\ufe0f\ufeff\ufff9-\ufffb]|[\udb40][\udc00-\udc7f]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

export function escapeForTerminal(text: string, options: { singleLine?: boolean } = {}): string {
  let out = text.replace(UNSAFE, (ch) => hex(ch));
  if (options.singleLine) out = out.replace(/\n/g, '\\n').replace(/\t/g, '\\t');
  return out;
}

/** True when `escapeForTerminal` would change the text (used by rules that flag hidden characters). */
export function hasUnsafeCharacters(text: string): boolean {
  UNSAFE.lastIndex = 0;
  const found = UNSAFE.test(text);
  UNSAFE.lastIndex = 0;
  return found;
}

function hex(ch: string): string {
  const cp = ch.codePointAt(0) ?? 0;
  return `\\u{${cp.toString(16).toUpperCase().padStart(4, '0')}}`;
}
