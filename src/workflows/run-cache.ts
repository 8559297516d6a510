import { VetError } from '../core/errors.js';
import type { RunPin } from '../core/run/run-pin.js';
import { installedTree, pinKey } from '../io/cache/cache-paths.js';
import { quickCheckTree, recordDigestOf, type TreeRecord } from '../io/cache/tree-record.js';
import { readTreeRecord } from '../io/cache/tree-store.js';
import type { LocatedPin } from './run-locate.js';

export interface CachedTree {
  key: string;
  dir: string;
  record: TreeRecord;
}

/** The cached tree of a pin, if any (its record read, nothing checked yet). */
export function findCachedTree(root: string, pin: RunPin): { key: string; record: TreeRecord | null } {
  const key = pinKey(pin);
  return { key, record: readTreeRecord(root, key) };
}

/**
 * A cached tree may be started only if its record is the pin's (name, version, integrity, closure
 * digest), its tree digest the approved one (when the pin records it) and the digest of its own
 * entries, and every entry is still as installed (one lstat each; a changed one is hashed).
 * Anything else is CACHE_TAMPERED: the tree is not trusted, not repaired silently.
 */
export function checkCachedTree(root: string, key: string, record: TreeRecord, pin: RunPin): CachedTree {
  const label = `${pin.name}@${pin.version}`;
  const dir = installedTree(root, key);
  const p = record.pin;
  const problems =
    p.name !== pin.name ||
    p.version !== pin.version ||
    p.integrity !== pin.integrity ||
    p.dependencies.digest !== pin.dependencies.digest
      ? ['its record is not the record of this pin']
      : pin.dependencies.tree !== undefined &&
          (record.treeDigest !== pin.dependencies.tree || recordDigestOf(record.entries) !== record.treeDigest)
        ? ['its record is not of the approved closure']
        : quickCheckTree(dir, record);
  if (problems.length > 0)
    throw new VetError(
      'CACHE_TAMPERED',
      `${label}: the cached install differs from the pin (${problems[0]}${problems.length > 1 ? `, and ${problems.length - 1} more` : ''}); not starting it. Remove it with mcp-vet cache prune --invalid, and the next start installs it again`,
      { details: { package: pin.name, file: dir } },
    );
  return { key, dir, record };
}

/**
 * Cold start: the entry and the lock are validated against their full schemas, then the closure is
 * installed into the cache (registry access, npm's installer; loaded only here).
 */
export async function installCachedTree(
  root: string,
  key: string,
  located: LocatedPin,
  lock: unknown,
  options: { registry?: string; cwd: string },
): Promise<CachedTree> {
  const [{ parseJsonFile }, { AllowlistEntry }, { LockFile }, { loadNpmConfig }, { installTree }] = await Promise.all([
    import('../core/workspace/parse-file.js'),
    import('../core/workspace/allowlist-entry.js'),
    import('../core/workspace/lock-file.js'),
    import('../io/npm-config.js'),
    import('../io/cache/install-tree.js'),
  ]);
  parseJsonFile(AllowlistEntry, located.text, located.file);
  const parsedLock = LockFile.safeParse(lock);
  if (!parsedLock.success)
    throw new VetError(
      'EVIDENCE_INVALID',
      `${located.pin.name}@${located.pin.version}: lock.json is not a valid lock`,
      {
        details: { package: located.pin.name },
      },
    );
  const npm = await loadNpmConfig({ cwd: options.cwd, ...(options.registry ? { registry: options.registry } : {}) });
  const record = await installTree({
    root,
    key,
    pin: located.pin,
    lock: parsedLock.data,
    npm,
  });
  return { key, dir: installedTree(root, key), record };
}
