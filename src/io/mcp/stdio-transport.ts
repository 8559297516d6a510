import type { Stream } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import {
  deserializeMessage,
  serializeMessage,
  type JSONRPCMessage,
  type Transport,
} from '@modelcontextprotocol/client';
import type { SandboxedProcess } from '../sandbox/sandboxed-process.js';

const DECODE_BATCH = 512 * 1024;

/** What the server wrote to stdout that was not JSON-RPC, kept for the error message. */
export interface StdoutNoise {
  lines: number;
  samples: string[];
}

/**
 * The SDK's Transport over a sandboxed child process's stdio: newline-delimited JSON-RPC, with a cap
 * on the bytes read. Non-JSON lines are counted and skipped (servers that log to stdout), not fatal.
 * It exposes `pid` and `stderr` so the SDK treats it as a stdio transport (probe timeouts mean
 * "legacy server", not "outage").
 */
export class SandboxStdioTransport implements Transport {
  onclose?: () => void;
  onerror?: (error: Error) => void;
  onmessage?: (message: JSONRPCMessage) => void;
  readonly noise: StdoutNoise = { lines: 0, samples: [] };
  bytesRead = 0;
  /** set when the stdout cap was hit */
  overflow = false;
  /** the line being received: text decoded so far, then raw chunks not decoded yet */
  private pendingText: string[] = [];
  private kept: Buffer[] = [];
  private keptBytes = 0;
  private pendingBytes = 0;
  private readonly decoder = new StringDecoder('utf8');
  private closed = false;
  private readonly proc: SandboxedProcess;
  private readonly maxBytes: number;

  constructor(proc: SandboxedProcess, maxBytes: number) {
    this.proc = proc;
    this.maxBytes = maxBytes;
  }

  get pid(): number | null {
    return this.proc.pid;
  }

  get stderr(): Stream | null {
    return null;
  }

  async start(): Promise<void> {
    const out = this.proc.stdout;
    out.on('data', (chunk: Buffer) => this.onData(chunk));
    out.on('end', () => this.finish());
    out.on('close', () => this.finish());
    this.proc.child.once('exit', () => setImmediate(() => this.finish()));
  }

  async send(message: JSONRPCMessage): Promise<void> {
    if (this.closed) throw new Error('the server is no longer running');
    const stdin = this.proc.stdin;
    await new Promise<void>((done, fail) => {
      stdin.write(serializeMessage(message), (err) => (err ? fail(err) : done()));
    });
  }

  async close(): Promise<void> {
    this.finish();
  }

  private onData(chunk: Buffer): void {
    if (this.closed) return;
    this.bytesRead += chunk.length;
    if (this.bytesRead > this.maxBytes) {
      this.overflow = true;
      this.onerror?.(new Error(`the server wrote more than ${this.maxBytes} bytes to stdout`));
      this.finish();
      return;
    }
    let start = 0;
    for (let nl = chunk.indexOf(10, start); nl !== -1; nl = chunk.indexOf(10, start)) {
      const part = chunk.subarray(start, nl);
      let line: string;
      if (this.pendingBytes === 0) line = part.toString('utf8');
      else {
        this.keep(part);
        this.decodeKept(true);
        line = this.pendingText.length === 1 ? (this.pendingText[0] as string) : this.pendingText.join('');
        this.pendingText = [];
        this.pendingBytes = 0;
      }
      this.onLine(line);
      start = nl + 1;
      if (this.closed) return;
    }
    if (start < chunk.length) {
      this.keep(chunk.subarray(start));
      if (this.keptBytes >= DECODE_BATCH) this.decodeKept(false);
    }
  }

  /*
   * A long line (a manifest of many megabytes) is decoded in batches of at least DECODE_BATCH bytes:
   * V8 allocates strings that large outside the young generation, so they are not copied by every
   * scavenge, and the raw chunks are released as soon as their batch is decoded. The decoder keeps
   * a multi-byte sequence cut at a batch's end for the next one; a newline byte never occurs inside
   * such a sequence, so the lines are the same as when split as bytes.
   */
  private keep(bytes: Buffer): void {
    this.kept.push(bytes);
    this.keptBytes += bytes.length;
    this.pendingBytes += bytes.length;
  }

  /** `last`: the batch ends the line (a sequence cut there is invalid: U+FFFD, as Buffer#toString does) */
  private decodeKept(last: boolean): void {
    const bytes = this.kept.length === 1 ? (this.kept[0] as Buffer) : Buffer.concat(this.kept, this.keptBytes);
    this.kept = [];
    this.keptBytes = 0;
    this.pendingText.push(this.decoder.write(bytes));
    if (!last) return;
    const rest = this.decoder.end();
    if (rest) this.pendingText.push(rest);
  }

  private onLine(raw: string): void {
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (line.trim() === '') return;
    let message: JSONRPCMessage;
    try {
      message = deserializeMessage(line);
    } catch {
      this.noise.lines += 1;
      if (this.noise.samples.length < 5) this.noise.samples.push(line.length > 200 ? `${line.slice(0, 200)}…` : line);
      return;
    }
    this.onmessage?.(message);
  }

  private finish(): void {
    if (this.closed) return;
    this.closed = true;
    this.pendingText = [];
    this.kept = [];
    this.onclose?.();
  }
}
