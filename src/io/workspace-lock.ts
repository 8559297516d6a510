import { randomBytes } from 'node:crypto';
import { readFileSync, rmSync } from 'node:fs';
import { link, open, readFile, rm } from 'node:fs/promises';
import { VetError } from '../core/errors.js';

/**
 * An exclusive lock file holding the owner's pid. A lock left by a process that no longer runs is
 * taken over; a live one makes the second run fail with WORKSPACE_BUSY.
 *
 * Two races are closed here, both of which let two runs hold the lock at once (a lost update):
 * - the lock appears with its pid already in it: the pid is written to a private file first, then
 *   hard-linked to the lock name (atomic, fails when the lock exists), so no run ever reads an
 *   empty lock and mistakes it for a dead one;
 * - only one run at a time may take over a dead owner's lock: it must first hold a second lock
 *   (`<lock>.takeover`), and it checks the owner again under it. Any other run meeting either lock
 *   fails with WORKSPACE_BUSY, having written nothing.
 */
export async function withFileLock<T>(lockFile: string, fn: () => Promise<T>): Promise<T> {
  await acquire(lockFile);
  // ended by a signal (whose handler exits) or process.exit: the lock goes too, if it is still ours
  const onExit = () => releaseNow(lockFile);
  process.once('exit', onExit);
  try {
    return await fn();
  } finally {
    process.off('exit', onExit);
    await rm(lockFile, { force: true }).catch(() => undefined);
  }
}

function releaseNow(lockFile: string): void {
  try {
    if (Number.parseInt(readFileSync(lockFile, 'utf8'), 10) === process.pid) rmSync(lockFile, { force: true });
  } catch {
    // gone already, or not readable: a later run takes a dead owner's lock over
  }
}

async function acquire(lockFile: string): Promise<void> {
  if (await create(lockFile)) return;
  const owner = await ownerOf(lockFile);
  if (owner !== undefined && isAlive(owner)) throw busy(lockFile, owner);
  // The owner is gone: take the lock over, one run at a time.
  const guard = `${lockFile}.takeover`;
  if (!(await create(guard))) {
    const guardOwner = await ownerOf(guard);
    // a guard whose owner died between taking it and letting it go: remove it, the next run goes on
    if (guardOwner === undefined || !isAlive(guardOwner)) await rm(guard, { force: true });
    throw busy(lockFile, owner);
  }
  try {
    const again = await ownerOf(lockFile);
    if (again !== undefined && isAlive(again)) throw busy(lockFile, again);
    await rm(lockFile, { force: true });
    if (!(await create(lockFile))) throw busy(lockFile, await ownerOf(lockFile));
  } finally {
    await rm(guard, { force: true }).catch(() => undefined);
  }
}

/** Creates `file` holding this process's pid, complete from its first moment; false when it exists. */
async function create(file: string): Promise<boolean> {
  const own = `${file}.${process.pid}.${randomBytes(4).toString('hex')}`;
  try {
    const handle = await open(own, 'wx', 0o644);
    try {
      await handle.writeFile(`${process.pid}\n`);
    } finally {
      await handle.close();
    }
    await link(own, file);
    return true;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw new VetError(
      'WRITE_FAILED',
      `cannot create lock ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`,
      { cause: err, details: { file } },
    );
  } finally {
    await rm(own, { force: true }).catch(() => undefined);
  }
}

/** The pid in a lock file; undefined when it is gone or holds no pid (an older or broken lock). */
async function ownerOf(file: string): Promise<number | undefined> {
  const owner = Number.parseInt(await readFile(file, 'utf8').catch(() => ''), 10);
  return Number.isFinite(owner) && owner > 0 ? owner : undefined;
}

function busy(lockFile: string, owner: number | undefined): VetError {
  return new VetError(
    'WORKSPACE_BUSY',
    `another mcp-vet run (pid ${owner ?? '?'}) holds the workspace lock ${lockFile}; nothing was written: run this again when it has ended`,
    { details: { file: lockFile } },
  );
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
