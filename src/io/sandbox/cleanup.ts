import { spawn, type ChildProcess } from 'node:child_process';
import { rmSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { groupAlive, groupExists, runningMembers } from './group-alive.js';

export { groupAlive } from './group-alive.js';

/**
 * How long a killed group may take to be reaped before zombies are looked for (see waitForGroupExit).
 * Short: inside a PID namespace the server's process is left a zombie when the namespace's init
 * dies, for whoever adopts it to reap, so the group outlives every kill; one read of the process
 * table (~1 ms) then tells it has gone. At 25 ms this wait was most of a listing's overhead.
 */
const ZOMBIE_CHECK_MS = 6;

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

/**
 * Retries of a removal that meets a folder still being written (ENOTEMPTY, EBUSY, EPERM): Node waits
 * `retryDelay × attempt` between tries, so these add up to about 2.2 s at most.
 */
export const REMOVE_RETRIES = { maxRetries: 8, retryDelay: 60 } as const;

/** Removes a folder made by `makeTempDir` and forgets it. */
export async function removeTempDir(dir: string): Promise<void> {
  await rm(dir, { recursive: true, force: true, ...REMOVE_RETRIES });
  releaseDir(dir);
}

/**
 * Waits, with growing pauses (2, 4, 8… ms), until the process group of `pid` has gone or `ms` have
 * passed; true when it has gone. A child of the server still writing into the sandbox folder after
 * the leader exited is what makes a removal fail with ENOTEMPTY. The group has been killed (no
 * process joins it any more): a signal 0 tells when it has gone, usually within a few pauses; one
 * still there after ZOMBIE_CHECK_MS has its members read from the process table once, then only
 * those are looked at, and once none runs, the whole table confirms (zombies nobody reaps do not
 * count).
 */
export async function waitForGroupExit(pid: number, ms = 2_000): Promise<boolean> {
  const started = Date.now();
  const until = started + ms;
  let pause = 2;
  let members: number[] | undefined;
  while (groupExists(pid)) {
    if (Date.now() - started >= ZOMBIE_CHECK_MS) {
      const running = runningMembers(pid, members);
      if (running === null) members = undefined;
      else if (running.length > 0) members = running;
      else if (members === undefined || !groupAlive(pid)) return true;
      else members = undefined;
    }
    const left = until - Date.now();
    if (left <= 0) return false;
    await new Promise((done) => setTimeout(done, Math.min(pause, left)).unref());
    pause = Math.min(pause * 2, 200);
  }
  return true;
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
  waitForGroupsSync([...groups], 1_000);
  groups.clear();
  for (const dir of dirs) {
    try {
      rmSync(dir, { recursive: true, force: true, ...REMOVE_RETRIES });
    } catch {
      // the reaper tries again
    }
  }
  dirs.clear();
}

/** `waitForGroupExit` for the exit paths, where nothing asynchronous runs any more. */
function waitForGroupsSync(pids: number[], ms: number): void {
  const until = Date.now() + ms;
  const pause = new Int32Array(new SharedArrayBuffer(4));
  let wait = 10;
  while (pids.some(groupAlive) && Date.now() < until) {
    Atomics.wait(pause, 0, 0, wait);
    wait = Math.min(wait * 2, 200);
  }
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
