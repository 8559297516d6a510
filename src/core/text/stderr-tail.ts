import { escapeForTerminal } from './escape.js';

/** How many of a server's last stderr lines an error or finding shows. */
export const STDERR_TAIL_LINES = 20;
const MAX_LINE_CHARS = 500;

/**
 * The last `count` non-blank lines of a server's stderr, each escaped for the terminal (single-line:
 * no control character, newline or tab survives) and clipped to 500 characters: printed one per
 * line in text, an array of strings in JSON.
 */
export function stderrTail(stderr: string, count: number = STDERR_TAIL_LINES): string[] {
  const lines = stderr.split(/\r?\n/).filter((line) => line.trim() !== '');
  return lines.slice(-count).map((line) => {
    const escaped = escapeForTerminal(line.trimEnd(), { singleLine: true });
    return escaped.length > MAX_LINE_CHARS
      ? `${escaped.slice(0, MAX_LINE_CHARS)}… [${escaped.length - MAX_LINE_CHARS} more characters]`
      : escaped;
  });
}

/** Stderr lines as shown in text output: a heading, then each line indented. */
export function renderStderrTail(lines: readonly string[], indent = '  '): string {
  if (lines.length === 0) return '';
  return [`${indent}last ${lines.length} line(s) of the server's stderr:`, ...lines.map((l) => `${indent}  ${l}`)].join(
    '\n',
  );
}
