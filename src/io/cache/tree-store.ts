import { randomBytes } from 'node:crypto';
import {
  chmodSync,
  lstatSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join } from 'node:path';
import { VetError } from '../../core/errors.js';
import { recordFile, stagingDir, treesDir, usedMarker } from './cache-paths.js';
import type { TreeRecord } from './tree-record.js';

/** The record of an installed tree; null when there is no tree for this key. */
export function readTreeRecord(root: string, key: string): TreeRecord | null {
  const file = recordFile(root, key);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw new VetError('INVALID_FILE', `cannot read ${file}: ${(err as NodeJS.ErrnoException).code ?? ''}`, {
      cause: err,
      details: { file },
    });
  }
  let record: unknown;
  try {
    record = JSON.parse(text);
  } catch (err) {
    throw new VetError('CACHE_TAMPERED', `${file} is not valid JSON: the cached tree cannot be trusted`, {
      cause: err,
      details: { file },
    });
  }
  if (!isRecord(record) || record.key !== key)
    throw new VetError('CACHE_TAMPERED', `${file} is not the record of this tree: the cached tree cannot be trusted`, {
      details: { file },
    });
  return record;
}

function isRecord(v: unknown): v is TreeRecord {
  const r = v as Partial<TreeRecord> | null;
  return (
    !!r &&
    r.formatVersion === 1 &&
    typeof r.key === 'string' &&
    typeof r.treeDigest === 'string' &&
    Array.isArray(r.entries) &&
    r.entries.every((e) => Array.isArray(e) && e.length === 8 && typeof e[0] === 'string') &&
    typeof r.bin?.script === 'string' &&
    typeof r.pin?.integrity === 'string'
  );
}

/** Keys of every installed tree. */
export function listTreeKeys(root: string): string[] {
  try {
    return readdirSync(treesDir(root))
      .filter((n) => /^[0-9a-f]{40}$/.test(n))
      .sort();
  } catch {
    return [];
  }
}

/**
 * Removes a tree (or a staging folder): renamed away first, so that no start ever sees half of
 * it, then given its write bits back and deleted.
 */
export function removeTree(root: string, dir: string): void {
  const trash = join(stagingDir(root), `removed-${randomBytes(6).toString('hex')}`);
  mkdirSync(dirname(trash), { recursive: true });
  try {
    renameSync(dir, trash);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw err;
  }
  makeWritable(trash);
  rmSync(trash, { recursive: true, force: true, maxRetries: 3 });
}

export function makeWritable(dir: string): void {
  let st;
  try {
    st = lstatSync(dir);
  } catch {
    return;
  }
  if (!st.isDirectory()) return;
  chmodSync(dir, (st.mode & 0o777) | 0o700);
  for (const name of readdirSync(dir)) makeWritable(join(dir, name));
}

/** Records a start of the tree (the marker's mtime), for `cache prune --unused-days`. Best effort. */
export function markUsed(root: string, key: string): void {
  const marker = usedMarker(root, key);
  const now = new Date();
  try {
    utimesSync(marker, now, now);
  } catch {
    try {
      mkdirSync(dirname(marker), { recursive: true });
      writeFileSync(marker, '');
    } catch {
      // a read-only cache still starts servers
    }
  }
}

/** When the tree was last started (ms since epoch), or null when never recorded. */
export function lastUsed(root: string, key: string): number | null {
  try {
    return lstatSync(usedMarker(root, key)).mtimeMs;
  } catch {
    return null;
  }
}
