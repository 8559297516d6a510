import type { LockFile, LockNode } from '../workspace/lock-file.js';

export type LockChange =
  | { kind: 'added'; path: string; after: LockNode }
  | { kind: 'removed'; path: string; before: LockNode }
  | { kind: 'version-changed'; path: string; before: LockNode; after: LockNode }
  | { kind: 'integrity-changed'; path: string; before: LockNode; after: LockNode }
  | { kind: 'source-changed'; path: string; before: LockNode; after: LockNode };

/**
 * Compares two dependency closures path by path. The same name@version with another integrity is
 * `integrity-changed`; a move between registry and non-registry source is `source-changed`.
 * Sorted by path, so the result is deterministic.
 */
export function diffLocks(before: LockFile, after: LockFile): LockChange[] {
  const changes: LockChange[] = [];
  const paths = [...new Set([...Object.keys(before.packages), ...Object.keys(after.packages)])].sort();
  for (const path of paths) {
    const a = before.packages[path];
    const b = after.packages[path];
    if (a && !b) changes.push({ kind: 'removed', path, before: a });
    else if (!a && b) changes.push({ kind: 'added', path, after: b });
    else if (a && b) {
      if (a.name !== b.name || a.version !== b.version)
        changes.push({ kind: 'version-changed', path, before: a, after: b });
      else if (a.integrity && b.integrity && a.integrity !== b.integrity)
        changes.push({ kind: 'integrity-changed', path, before: a, after: b });
      else if (sourceKind(a.resolved) !== sourceKind(b.resolved))
        changes.push({ kind: 'source-changed', path, before: a, after: b });
    }
  }
  return changes;
}

/** registry (a path below the registry), or the URL scheme / spec type of another source. */
export function sourceKind(resolved: string | undefined): string {
  if (!resolved) return 'registry';
  const m = /^([a-z][a-z0-9+.-]*):/i.exec(resolved);
  return m ? m[1]!.toLowerCase() : 'registry';
}
