import { spawnSync } from 'node:child_process';
import { readFile, stat } from 'node:fs/promises';
import { findOnPath } from './layers.js';

/** A working strace, probed once. */
export type TracerProbe = { strace: string } | { strace: null; reason: string };

/** What is traced: programs executed, sockets connected, bound and listened on, files opened or probed. */
const SYSCALLS = [
  'execve',
  'execveat',
  'connect',
  'bind',
  'listen',
  'open',
  'openat',
  'openat2',
  'creat',
  'access',
  'faccessat',
  'faccessat2',
];
/** Trace files larger than this are read only this far (a server opening files in a loop). */
const MAX_TRACE_BYTES = 64 * 1024 * 1024;

let cached: TracerProbe | undefined;

/** strace when installed and allowed to trace here (ptrace may be forbidden in a container). */
export function detectTracer(options: { refresh?: boolean; path?: string } = {}): TracerProbe {
  if (cached && !options.refresh) return cached;
  cached = probe(options.path);
  return cached;
}

function probe(path?: string): TracerProbe {
  if (process.platform !== 'linux') return { strace: null, reason: `strace is not available on ${process.platform}` };
  const strace = findOnPath('strace', path);
  if (!strace) return { strace: null, reason: 'strace is not installed' };
  const truePath = findOnPath('true', '/usr/bin:/bin') ?? '/bin/true';
  const res = spawnSync(strace, [...traceFlags('/dev/null'), '--', truePath], {
    stdio: ['ignore', 'ignore', 'pipe'],
    timeout: 5_000,
    env: { PATH: '/usr/bin:/bin' },
  });
  if (res.error) return { strace: null, reason: `strace failed: ${res.error.message}` };
  if (res.status !== 0)
    return {
      strace: null,
      reason: `strace cannot trace here: ${res.stderr.toString('utf8').trim().split('\n')[0] ?? `status ${String(res.status)}`}`,
    };
  return { strace };
}

function traceFlags(outFile: string): string[] {
  return [
    '-f',
    '-qq',
    '--seccomp-bpf',
    '-e',
    'signal=none',
    '-e',
    `trace=${SYSCALLS.map((s) => `?${s}`).join(',')}`,
    '-s',
    '1024',
    '-o',
    outFile,
  ];
}

/** `argv` (the whole sandbox command line) run under strace, writing the trace to `outFile`. */
export function tracedArgv(strace: string, argv: readonly string[], outFile: string): string[] {
  return [strace, ...traceFlags(outFile), '--', ...argv];
}

/** The trace written so far (up to its size cap); '' when there is none. */
export async function readTrace(file: string): Promise<{ text: string; truncated: boolean }> {
  try {
    const size = (await stat(file)).size;
    if (size <= MAX_TRACE_BYTES) return { text: await readFile(file, 'utf8'), truncated: false };
    const { open } = await import('node:fs/promises');
    const handle = await open(file, 'r');
    try {
      const buf = Buffer.alloc(MAX_TRACE_BYTES);
      await handle.read(buf, 0, MAX_TRACE_BYTES, 0);
      const text = buf.toString('utf8');
      return { text: text.slice(0, text.lastIndexOf('\n') + 1), truncated: true };
    } finally {
      await handle.close();
    }
  } catch {
    return { text: '', truncated: false };
  }
}
