import { VetError } from '../errors.js';

/** A parsed document and the line (1-based) where each value starts, by JSON pointer ('' = root). */
export interface ParsedDocument {
  value: unknown;
  lines: ReadonlyMap<string, number>;
}

/**
 * JSON with comments (`//`, `/* *\/`) and trailing commas, as VS Code, Cursor and Claude write
 * their settings. Keeps the line of every value so findings can point at file:line. Errors name
 * the file, line and column but never quote the text (a config file may hold secrets).
 */
export function parseJsonc(text: string, file: string): ParsedDocument {
  return new JsoncParser(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text, file).document();
}

/** `/a~1b/c` from ['a/b', 'c'] (RFC 6901). */
export function pointerOf(parts: readonly string[]): string {
  return parts.map((p) => `/${p.replace(/~/g, '~0').replace(/\//g, '~1')}`).join('');
}

const MAX_DEPTH = 200;

class JsoncParser {
  private pos = 0;
  private line = 1;
  private lineStart = 0;
  private readonly lines = new Map<string, number>();

  constructor(
    private readonly text: string,
    private readonly file: string,
  ) {}

  document(): ParsedDocument {
    this.skip();
    const value = this.value('', 0);
    this.skip();
    if (this.pos < this.text.length) this.fail('unexpected content after the end of the document');
    return { value, lines: this.lines };
  }

  private value(pointer: string, depth: number): unknown {
    if (depth > MAX_DEPTH) this.fail('nesting too deep');
    this.lines.set(pointer, this.line);
    const ch = this.text[this.pos];
    if (ch === '{') return this.object(pointer, depth);
    if (ch === '[') return this.array(pointer, depth);
    if (ch === '"') return this.string();
    if (ch === '-' || (ch !== undefined && ch >= '0' && ch <= '9')) return this.number();
    for (const [word, v] of [
      ['true', true],
      ['false', false],
      ['null', null],
    ] as const) {
      if (this.text.startsWith(word, this.pos)) {
        this.pos += word.length;
        return v;
      }
    }
    return this.fail(ch === undefined ? 'unexpected end of the document' : 'unexpected character');
  }

  private object(pointer: string, depth: number): Record<string, unknown> {
    const out: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
    this.pos++;
    this.skip();
    while (this.text[this.pos] !== '}') {
      if (this.text[this.pos] !== '"') this.fail('expected a "quoted" member name or }');
      const key = this.string();
      this.skip();
      if (this.text[this.pos] !== ':') this.fail('expected : after a member name');
      this.pos++;
      this.skip();
      out[key] = this.value(`${pointer}${pointerOf([key])}`, depth + 1);
      this.skip();
      if (this.text[this.pos] === ',') {
        this.pos++;
        this.skip();
      } else if (this.text[this.pos] !== '}') {
        this.fail('expected , or } after a member');
      }
    }
    this.pos++;
    return { ...out };
  }

  private array(pointer: string, depth: number): unknown[] {
    const out: unknown[] = [];
    this.pos++;
    this.skip();
    while (this.text[this.pos] !== ']') {
      out.push(this.value(`${pointer}/${out.length}`, depth + 1));
      this.skip();
      if (this.text[this.pos] === ',') {
        this.pos++;
        this.skip();
      } else if (this.text[this.pos] !== ']') {
        this.fail('expected , or ] after an array element');
      }
    }
    this.pos++;
    return out;
  }

  private string(): string {
    const start = this.pos;
    this.pos++;
    for (;;) {
      const ch = this.text[this.pos];
      if (ch === undefined || ch === '\n') this.fail('unterminated string');
      if (ch === '"') break;
      if (ch === '\\') this.pos++;
      this.pos++;
    }
    this.pos++;
    try {
      return JSON.parse(this.text.slice(start, this.pos)) as string;
    } catch {
      this.pos = start;
      return this.fail('invalid string (bad escape or control character)');
    }
  }

  private number(): number {
    const m = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/.exec(this.text.slice(this.pos, this.pos + 400));
    if (!m) return this.fail('invalid number');
    this.pos += m[0].length;
    return Number(m[0]);
  }

  /** Skips whitespace and comments, counting lines. */
  private skip(): void {
    for (;;) {
      const ch = this.text[this.pos];
      if (ch === '\n') {
        this.pos++;
        this.line++;
        this.lineStart = this.pos;
      } else if (ch === ' ' || ch === '\t' || ch === '\r') {
        this.pos++;
      } else if (ch === '/' && this.text[this.pos + 1] === '/') {
        while (this.pos < this.text.length && this.text[this.pos] !== '\n') this.pos++;
      } else if (ch === '/' && this.text[this.pos + 1] === '*') {
        const end = this.text.indexOf('*/', this.pos + 2);
        if (end < 0) this.fail('unterminated /* comment');
        for (let i = this.pos; i < end; i++) {
          if (this.text[i] === '\n') {
            this.line++;
            this.lineStart = i + 1;
          }
        }
        this.pos = end + 2;
      } else {
        return;
      }
    }
  }

  private fail(reason: string): never {
    const column = this.pos - this.lineStart + 1;
    throw new VetError('INVALID_FILE', `${this.file}:${this.line}:${column}: cannot parse: ${reason}`, {
      details: { file: this.file, line: this.line, column },
    });
  }
}
