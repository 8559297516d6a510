import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { isVetError } from '../core/errors.js';
import { installedTree, stagingDir, treeDir } from '../io/cache/cache-paths.js';
import { fullCheckTree, quickCheckTree, type TreeRecord } from '../io/cache/tree-record.js';
import { lastUsed, listTreeKeys, readTreeRecord, removeTree } from '../io/cache/tree-store.js';

export interface TreeStatus {
  key: string;
  /** name@version, or the key when the record cannot be read */
  label: string;
  problems: string[];
}

function status(root: string, key: string, check: typeof fullCheckTree): TreeStatus {
  let record: TreeRecord | null;
  try {
    record = readTreeRecord(root, key);
  } catch (err) {
    if (!isVetError(err)) throw err;
    return { key, label: key, problems: [err.message] };
  }
  if (!record) return { key, label: key, problems: ['the record is missing (an interrupted install?)'] };
  return { key, label: `${record.pin.name}@${record.pin.version}`, problems: check(installedTree(root, key), record) };
}

/** `cache verify`: every cached tree hashed in full and compared with what was installed. */
export function verifyCache(root: string): TreeStatus[] {
  return listTreeKeys(root).map((key) => status(root, key, fullCheckTree));
}

export interface PruneOptions {
  /** also remove trees that fail the check of a start */
  invalid: boolean;
  /** remove trees not started for this many days */
  unusedDays: number;
  /** remove everything */
  all: boolean;
  now: number;
}

const STALE_STAGING_MS = 60 * 60 * 1000;

/** `cache prune`: interrupted installs, then trees unused for too long, invalid ones, or all. */
export function pruneCache(root: string, options: PruneOptions): Array<{ what: string; reason: string }> {
  const removed: Array<{ what: string; reason: string }> = [];
  let staging: string[] = [];
  try {
    staging = readdirSync(stagingDir(root)).sort();
  } catch {
    staging = [];
  }
  for (const name of staging) {
    const dir = join(stagingDir(root), name);
    let age = 0;
    try {
      age = options.now - statSync(dir).mtimeMs;
    } catch {
      continue;
    }
    if (options.all || age > STALE_STAGING_MS) {
      removeTree(root, dir);
      removed.push({ what: `staging/${name}`, reason: 'left by an interrupted install' });
    }
  }
  for (const key of listTreeKeys(root)) {
    const s = status(root, key, quickCheckTree);
    const used = lastUsed(root, key);
    const idleDays = used === null ? Infinity : (options.now - used) / 86_400_000;
    const reason = options.all
      ? 'all'
      : options.invalid && s.problems.length > 0
        ? `invalid: ${s.problems[0]}`
        : idleDays > options.unusedDays
          ? `not started for more than ${options.unusedDays} days`
          : null;
    if (!reason) continue;
    removeTree(root, treeDir(root, key));
    removed.push({ what: s.label, reason });
  }
  return removed;
}
