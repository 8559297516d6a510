import { parse, TomlError } from 'smol-toml';
import { VetError } from '../errors.js';
import { pointerOf, type ParsedDocument } from './jsonc.js';

/**
 * TOML (Codex's config.toml). Lines are recorded for each table heading (`[mcp_servers.x]`,
 * `[mcp_servers.x.env]`) and for `key = …` lines inside them, which is where findings point.
 * Errors name the file, line and column, never the text.
 */
export function parseTomlConfig(text: string, file: string): ParsedDocument {
  let value: unknown;
  try {
    value = parse(text);
  } catch (err) {
    const line = err instanceof TomlError ? err.line : 0;
    const column = err instanceof TomlError ? err.column : 0;
    const reason =
      (err instanceof Error ? err.message : String(err)).split('\n')[0]?.replace(/^Invalid TOML document:\s*/, '') ??
      'invalid TOML';
    throw new VetError('INVALID_FILE', `${file}:${line}:${column}: cannot parse TOML: ${reason}`, {
      cause: err,
      details: { file, line, column },
    });
  }
  return { value, lines: tomlLines(text) };
}

const HEADING = /^\s*\[\s*([^\]]+?)\s*\]\s*(?:#.*)?$/;
const KEY = /^\s*("(?:[^"\\]|\\.)*"|'[^']*'|[A-Za-z0-9_-]+)\s*=/;

function tomlLines(text: string): Map<string, number> {
  const lines = new Map<string, number>([['', 1]]);
  let table: string[] = [];
  text.split('\n').forEach((raw, i) => {
    const heading = HEADING.exec(raw);
    if (heading && !raw.trim().startsWith('[[')) {
      table = splitDotted(heading[1] ?? '');
      setFirst(lines, pointerOf(table), i + 1);
      return;
    }
    const key = KEY.exec(raw);
    if (key) setFirst(lines, pointerOf([...table, ...splitDotted(key[1] ?? '')]), i + 1);
  });
  return lines;
}

function setFirst(lines: Map<string, number>, pointer: string, line: number): void {
  if (!lines.has(pointer)) lines.set(pointer, line);
}

/** `mcp_servers."my.server".env` -> ['mcp_servers', 'my.server', 'env'] */
function splitDotted(key: string): string[] {
  const out: string[] = [];
  const re = /\s*("(?:[^"\\]|\\.)*"|'[^']*'|[^.\s]+)\s*(?:\.|$)/gy;
  let m: RegExpExecArray | null;
  while ((m = re.exec(key)) && m[0] !== '') {
    const part = m[1] ?? '';
    out.push(part.startsWith('"') ? safeJson(part) : part.startsWith("'") ? part.slice(1, -1) : part);
    if (re.lastIndex >= key.length) break;
  }
  return out;
}

function safeJson(s: string): string {
  try {
    return JSON.parse(s) as string;
  } catch {
    return s.slice(1, -1);
  }
}
