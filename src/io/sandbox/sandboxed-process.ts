import { spawn, type ChildProcess } from 'node:child_process';
import type { Readable } from 'node:stream';
import { VetError } from '../../core/errors.js';
import { releaseGroup, trackGroup, waitForGroupExit } from './cleanup.js';

export interface LaunchSpec {
  /** argv[0] is the program, given as an absolute path */
  argv: string[];
  cwd: string;
  env: Record<string, string>;
  stderrBytes: number;
  /** shown in errors */
  label: string;
}

/**
 * A server process in its own process group. `stop()` kills the whole group (SIGKILL), whatever
 * state it is in; it is safe to call more than once. Stderr is drained continuously and its first
 * `stderrBytes` are kept.
 */
export class SandboxedProcess {
  readonly child: ChildProcess;
  readonly label: string;
  private stderrChunks: Buffer[] = [];
  private stderrKept = 0;
  private stderrDropped = 0;
  /** the last bytes of stderr, kept beyond the cap: the real error of a chatty server is at its end */
  private tailChunks: Buffer[] = [];
  private tailBytes = 0;
  private readonly stderrCap: number;
  private exitInfo: { code: number | null; signal: NodeJS.Signals | null } | undefined;
  private readonly exited: Promise<void>;
  private stopping: Promise<void> | undefined;

  private constructor(child: ChildProcess, spec: LaunchSpec) {
    this.child = child;
    this.label = spec.label;
    this.stderrCap = spec.stderrBytes;
    this.exited = new Promise((done) => {
      child.once('exit', (code, signal) => {
        this.exitInfo = { code, signal };
        done();
      });
      child.once('error', () => done());
    });
    child.stderr?.on('data', (chunk: Buffer) => this.keepStderr(chunk));
    // A pipe closed by a dead child must not crash mcp-vet.
    child.stdin?.on('error', () => undefined);
    child.stdout?.on('error', () => undefined);
  }

  static start(spec: LaunchSpec): Promise<SandboxedProcess> {
    const [cmd, ...args] = spec.argv;
    if (!cmd) throw new VetError('USAGE', 'no command to start');
    return new Promise((done, fail) => {
      let child: ChildProcess;
      try {
        child = spawn(cmd, args, {
          cwd: spec.cwd,
          env: spec.env,
          stdio: ['pipe', 'pipe', 'pipe'],
          detached: true,
          windowsHide: true,
        });
      } catch (err) {
        fail(
          new VetError('SERVER_FAILED', `${spec.label}: cannot start ${cmd}: ${(err as Error).message}`, {
            cause: err,
          }),
        );
        return;
      }
      const proc = new SandboxedProcess(child, spec);
      child.once('spawn', () => {
        if (child.pid) trackGroup(child.pid);
        done(proc);
      });
      child.once('error', (err) =>
        fail(new VetError('SERVER_FAILED', `${spec.label}: cannot start ${cmd}: ${err.message}`, { cause: err })),
      );
    });
  }

  get pid(): number | null {
    return this.child.pid ?? null;
  }

  get stdout(): Readable {
    return this.child.stdout as Readable;
  }

  get stdin(): NodeJS.WritableStream {
    return this.child.stdin as NodeJS.WritableStream;
  }

  get hasExited(): boolean {
    return this.exitInfo !== undefined;
  }

  /** e.g. "exited with status 1" / "was killed by SIGSEGV"; undefined while running */
  exitDescription(): string | undefined {
    if (!this.exitInfo) return undefined;
    return this.exitInfo.signal
      ? `was killed by ${this.exitInfo.signal}`
      : `exited with status ${String(this.exitInfo.code)}`;
  }

  /** The kept stderr as text (undecoded bytes replaced), with a note when some was dropped. */
  stderrText(): string {
    const text = Buffer.concat(this.stderrChunks).toString('utf8');
    return this.stderrDropped > 0 ? `${text}\n[mcp-vet: ${this.stderrDropped} more bytes of stderr not kept]` : text;
  }

  /**
   * The end of stderr (its last 16 KiB, cut at a line start), whatever the cap dropped: where a
   * server that logs a lot prints the error it died of.
   */
  stderrEnd(): string {
    if (this.stderrDropped === 0) return Buffer.concat(this.stderrChunks).toString('utf8');
    const text = Buffer.concat(this.tailChunks).toString('utf8');
    const nl = text.indexOf('\n');
    return nl === -1 ? text : text.slice(nl + 1);
  }

  /** Waits up to `ms` for the process to end on its own; true when it has. */
  async waitForExit(ms: number): Promise<boolean> {
    if (this.exitInfo) return true;
    await Promise.race([this.exited, new Promise((done) => setTimeout(done, ms).unref())]);
    return this.exitInfo !== undefined;
  }

  /**
   * Kills the process group and waits (briefly) for the leader's exit and for the whole group to be
   * gone, so that the sandbox folders are removed only once nothing writes into them.
   */
  stop(): Promise<void> {
    // every caller waits for the same stop: the group is gone when any of them returns
    this.stopping ??= this.stopOnce();
    return this.stopping;
  }

  private async stopOnce(): Promise<void> {
    killGroup(this.child.pid);
    await Promise.race([this.exited, new Promise((done) => setTimeout(done, 2_000).unref())]);
    if (this.child.pid) {
      await waitForGroupExit(this.child.pid, 2_000);
      releaseGroup(this.child.pid);
    }
    this.child.stdout?.destroy();
    this.child.stderr?.destroy();
    this.child.stdin?.destroy();
  }

  private keepStderr(chunk: Buffer): void {
    this.tailChunks.push(Buffer.from(chunk));
    this.tailBytes += chunk.length;
    while (this.tailChunks.length > 1 && this.tailBytes - this.tailChunks[0]!.length >= TAIL_BYTES)
      this.tailBytes -= this.tailChunks.shift()!.length;
    const room = this.stderrCap - this.stderrKept;
    if (room <= 0) {
      this.stderrDropped += chunk.length;
      return;
    }
    const part = chunk.length > room ? chunk.subarray(0, room) : chunk;
    this.stderrChunks.push(Buffer.from(part));
    this.stderrKept += part.length;
    this.stderrDropped += chunk.length - part.length;
  }
}

const TAIL_BYTES = 16 * 1024;

/** SIGKILL to the whole process group of `pid` (the child was started detached, so it leads one). */
export function killGroup(pid: number | undefined): void {
  if (!pid) return;
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
}
