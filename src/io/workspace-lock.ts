import { open, readFile, rm } from 'node:fs/promises';
import { VetError } from '../core/errors.js';

/**
 * An exclusive lock file (O_EXCL) holding the owner's pid. A lock left by a process that no longer
 * runs is taken over; a live one makes the second run fail with WORKSPACE_BUSY.
 */
export async function withFileLock<T>(lockFile: string, fn: () => Promise<T>): Promise<T> {
  await acquire(lockFile, true);
  try {
    return await fn();
  } finally {
    await rm(lockFile, { force: true }).catch(() => undefined);
  }
}

async function acquire(lockFile: string, mayTakeOver: boolean): Promise<void> {
  try {
    const handle = await open(lockFile, 'wx', 0o644);
    await handle.writeFile(`${process.pid}\n`);
    await handle.close();
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') {
      throw new VetError(
        'WRITE_FAILED',
        `cannot create lock ${lockFile}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`,
        { cause: err, details: { file: lockFile } },
      );
    }
    const owner = Number.parseInt(await readFile(lockFile, 'utf8').catch(() => ''), 10);
    if (mayTakeOver && (!Number.isFinite(owner) || !isAlive(owner))) {
      await rm(lockFile, { force: true });
      return acquire(lockFile, false);
    }
    throw new VetError(
      'WORKSPACE_BUSY',
      `another mcp-vet run (pid ${Number.isFinite(owner) ? owner : '?'}) holds the workspace lock ${lockFile}; nothing was written: run this again when it has ended`,
      { details: { file: lockFile } },
    );
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
