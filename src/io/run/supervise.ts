import { spawn, type ChildProcess } from 'node:child_process';
import { constants } from 'node:os';
import type { Writable } from 'node:stream';
import { VetError } from '../../core/errors.js';
import { signalTargets } from './signal-target.js';

export interface ServerLaunch {
  argv: string[];
  env: Record<string, string>;
  cwd: string;
}

export interface Outcome {
  code: number | null;
  signal: NodeJS.Signals | null;
}

/**
 * Signals passed on to the server (past a sandbox launcher, see signal-target.ts); the server's own
 * handling decides what happens.
 */
const FORWARDED: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGQUIT', 'SIGUSR1', 'SIGUSR2', 'SIGWINCH'];

export interface GatedServer {
  /** lets the server's code load (see gate.ts) */
  open(): void;
  /** kills the server before any of its code ran */
  refuse(): Promise<void>;
  ended: Promise<Outcome>;
}

/**
 * Starts the server held at its gate, with this process's stdin, stdout and stderr (the very file
 * descriptors: nothing is copied, added or buffered on the JSON-RPC stream), passing on signals.
 */
export function startGated(launch: ServerLaunch): GatedServer {
  const [command, ...args] = launch.argv;
  const child: ChildProcess = spawn(command as string, args, {
    stdio: ['inherit', 'inherit', 'inherit', 'pipe'],
    env: launch.env,
    cwd: launch.cwd,
  });
  const gate = child.stdio[3] as Writable;
  gate.on('error', () => undefined);
  const handlers = FORWARDED.map((signal) => {
    const handler = () => {
      const targets = child.pid === undefined ? [] : signalTargets(child.pid);
      if (targets.length === 0) return void child.kill(signal);
      for (const pid of targets) {
        try {
          process.kill(pid, signal);
        } catch {
          // already gone
        }
      }
    };
    process.on(signal, handler);
    return [signal, handler] as const;
  });
  const detach = () => {
    for (const [signal, handler] of handlers) process.off(signal, handler);
  };
  const ended = new Promise<Outcome>((done, fail) => {
    child.once('error', (err) => {
      detach();
      fail(
        new VetError(
          'SERVER_FAILED',
          `cannot start ${command}: ${(err as NodeJS.ErrnoException).code ?? err.message}`,
          {
            cause: err,
          },
        ),
      );
    });
    child.once('exit', (code, signal) => {
      detach();
      gate.destroy();
      done({ code, signal });
    });
  });
  return {
    // the gate stays open: its end tells the server that mcp-vet is gone (see gate.ts)
    open: () => void gate.write('1'),
    refuse: async () => {
      child.kill('SIGKILL');
      gate.destroy();
      await ended.catch(() => undefined);
    },
    ended,
  };
}

/** Ends this process as the server ended: the same exit code, or the same signal. */
export function exitLikeServer(outcome: Outcome): void {
  if (outcome.signal) {
    process.kill(process.pid, outcome.signal);
    // a signal this process does not die of (ignored in the parent's setup): 128 + n, as a shell says
    setTimeout(() => process.exit(128 + (constants.signals[outcome.signal as NodeJS.Signals] ?? 1)), 200).unref();
    return;
  }
  process.exitCode = outcome.code ?? 1;
}
