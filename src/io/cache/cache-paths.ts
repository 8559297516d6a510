import { createHash } from 'node:crypto';
import { homedir } from 'node:os';
import { isAbsolute, join } from 'node:path';

/**
 * Cache format version: a folder per version, so an older mcp-vet never reads a newer layout
 * (v2: a record's treeDigest is the closure digest a pin records, not over every file).
 */
const LAYOUT = 'v2';

export interface PinKeyFields {
  name: string;
  version: string;
  integrity: string;
  dependencies: { digest: string };
}

/**
 * The cache of installed pinned closures: `$XDG_CACHE_HOME/mcp-vet/run/v2` (an absolute
 * XDG_CACHE_HOME only, as the XDG spec says), else `~/.cache/mcp-vet/run/v2`.
 */
export function cacheRoot(env: NodeJS.ProcessEnv = process.env, override?: string): string {
  if (override) return join(override, LAYOUT);
  const xdg = env['XDG_CACHE_HOME'];
  const base = xdg && isAbsolute(xdg) ? xdg : join(homedir(), '.cache');
  return join(base, 'mcp-vet', 'run', LAYOUT);
}

/** Content address of a pin's closure: its tarball integrity and its dependency-closure digest. */
export function pinKey(pin: PinKeyFields): string {
  return createHash('sha256')
    .update(`${pin.name}@${pin.version}\n${pin.integrity}\n${pin.dependencies.digest}\n`)
    .digest('hex')
    .slice(0, 40);
}

export const treesDir = (root: string) => join(root, 'trees');
/** trees/<key>/ holds `tree/` (the installed closure, read-only) and `record.json` */
export const treeDir = (root: string, key: string) => join(treesDir(root), key);
export const installedTree = (root: string, key: string) => join(treeDir(root, key), 'tree');
export const recordFile = (root: string, key: string) => join(treeDir(root, key), 'record.json');
export const stagingDir = (root: string) => join(root, 'staging');
/** per-tree marker whose mtime is the last start (for `cache prune --unused-days`) */
export const usedMarker = (root: string, key: string) => join(root, 'used', key);
