import type { Stream } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import { deserializeMessage, serializeMessage, type JSONRPCMessage, type Transport } from '@modelcontextprotocol/client';
import type { SandboxedProcess } from '../sandbox/sandboxed-process.js';

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
  /** the text of the line being received, decoded as it arrives (no second copy of the bytes) */
  private pending: string[] = [];
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
    // A newline byte never occurs inside a multi-byte UTF-8 sequence, so splitting the decoded
    // text at '\n' gives the same lines as splitting the bytes.
    const text = this.decoder.write(chunk);
    let start = 0;
    for (let nl = text.indexOf('\n', start); nl !== -1; nl = text.indexOf('\n', start)) {
      const part = text.slice(start, nl);
      let line = part;
      if (this.pending.length) {
        this.pending.push(part);
        line = this.pending.join('');
      }
      this.pending = [];
      this.onLine(line);
      start = nl + 1;
      if (this.closed) return;
    }
    if (start < text.length) this.pending.push(text.slice(start));
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
    this.pending = [];
    this.onclose?.();
  }
}
