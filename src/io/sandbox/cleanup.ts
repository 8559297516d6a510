import { spawn, type ChildProcess } from 'node:child_process';
import { rmSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Everything a run leaves on the machine until it is done with it: the process groups of sandboxed
 * servers and the temporary folders (sandbox, install, lock). Three ways they are cleaned up:
 *  - normally, by whoever created them (`release…`);
 *  - on SIGINT, SIGTERM or SIGHUP, by the handler installed here, which then exits 128+signal;
 *  - when mcp-vet is killed outright (SIGKILL), by a reaper: a small process started on the first
 *    registration, which learns of each group and folder on its stdin and, when that pipe closes
 *    (mcp-vet has gone, however it went), kills the groups and removes the folders still listed.
 */
const groups = new Set<number>();
const dirs = new Set<string>();
let reaper: ChildProcess | null | undefined;
let handlersInstalled = false;

const SIGNALS: Record<string, number> = { SIGINT: 2, SIGTERM: 15, SIGHUP: 1 };

/** A temporary folder under the OS temp dir, removed on any exit of mcp-vet. */
export async function makeTempDir(prefix: string, parent: string = tmpdir()): Promise<string> {
  const dir = await mkdtemp(join(parent, prefix));
  trackDir(dir);
  return dir;
}

/** Removes a folder made by `makeTempDir` and forgets it. */
export async function removeTempDir(dir: string): Promise<void> {
  await rm(dir, { recursive: true, force: true, maxRetries: 3 });
  releaseDir(dir);
}

export function trackDir(dir: string): void {
  dirs.add(dir);
  tell(`+dir ${dir}`);
}

export function releaseDir(dir: string): void {
  if (dirs.delete(dir)) tell(`-dir ${dir}`);
}

/** A process group (the leader's pid) to kill if mcp-vet ends before it does. */
export function trackGroup(pid: number): void {
  groups.add(pid);
  tell(`+pgid ${pid}`);
}

export function releaseGroup(pid: number): void {
  if (groups.delete(pid)) tell(`-pgid ${pid}`);
}

/** What is registered now (for tests). */
export function tracked(): { groups: number[]; dirs: string[] } {
  return { groups: [...groups], dirs: [...dirs] };
}

function tell(line: string): void {
  installHandlers();
  const r = startReaper();
  if (r?.stdin?.writable) r.stdin.write(`${line}\n`);
}

function startReaper(): ChildProcess | null {
  if (reaper !== undefined) return reaper;
  reaper = null;
  if (process.env['MCP_VET_NO_REAPER'] === '1') return null;
  try {
    const script = join(import.meta.dirname, 'reaper.js');
    const child = spawn(process.execPath, [script], {
      detached: true,
      stdio: ['pipe', 'ignore', 'ignore'],
      env: { PATH: process.env['PATH'] ?? '/usr/bin:/bin' },
    });
    child.on('error', () => undefined);
    child.stdin?.on('error', () => undefined);
    child.unref();
    // The pipe must not keep mcp-vet alive; the reaper sees EOF when mcp-vet exits.
    (child.stdin as unknown as { unref?: () => void } | null)?.unref?.();
    reaper = child;
  } catch {
    reaper = null;
  }
  return reaper;
}

/** Kills every tracked group and removes every tracked folder, synchronously (signal and exit paths). */
export function cleanUpNow(): void {
  for (const pid of groups) killGroupNow(pid);
  groups.clear();
  for (const dir of dirs) {
    try {
      rmSync(dir, { recursive: true, force: true, maxRetries: 2 });
    } catch {
      // the reaper tries again
    }
  }
  dirs.clear();
}

function killGroupNow(pid: number): void {
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

function installHandlers(): void {
  if (handlersInstalled) return;
  handlersInstalled = true;
  for (const [signal, number] of Object.entries(SIGNALS)) {
    process.once(signal as NodeJS.Signals, () => {
      cleanUpNow();
      process.exit(128 + number);
    });
  }
  process.once('exit', () => cleanUpNow());
}
