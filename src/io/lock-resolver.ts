import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { LOCK_SCHEMA_ID, type LockFile, type LockNode } from '../core/workspace/lock-file.js';
import { toVetError } from '../core/errors.js';
import { DEFAULT_DEADLINES } from './net/deadlines.js';
import { withStageDeadline } from './net/stage-deadline.js';
import { registryFor, type NpmOptions } from './npm-config.js';
import { lazyRequire } from './lazy-require.js';
import { PackumentCache } from './packument-cache.js';
import { registryError } from './registry-errors.js';
import { makeTempDir, removeTempDir } from './sandbox/cleanup.js';

const pacote = lazyRequire<{ packument(spec: string, opts: Record<string, unknown>): Promise<unknown> }>('pacote');
const arborist =
  lazyRequire<
    new (opts: Record<string, unknown>) => { buildIdealTree(opts?: Record<string, unknown>): Promise<ArbNode> }
  >('@npmcli/arborist');

interface ArbNode {
  isRoot: boolean;
  isLink: boolean;
  location: string;
  packageName: string;
  version: string;
  integrity: string | null;
  resolved: string | null;
  optional: boolean;
  inBundle: boolean;
  hasInstallScript: boolean;
  package: Record<string, unknown>;
  inventory: Map<string, ArbNode>;
}

/**
 * Resolves the full dependency closure of `name@version` the way `npm install` would into an empty
 * directory: an ideal tree built by arborist. Nothing is extracted and no script runs.
 * `packumentCache`: the run's packuments (see packument-cache.ts); by default this call's own.
 */
export async function resolveLock(
  name: string,
  version: string,
  options: NpmOptions,
  hint?: LockFile,
  packumentCache: PackumentCache | Map<string, unknown> = new Map(),
): Promise<LockFile> {
  const dir = await makeTempDir('mcp-vet-lock-');
  try {
    await writeFile(
      join(dir, 'package.json'),
      JSON.stringify({ name: 'mcp-vet-closure', version: '0.0.0', private: true, dependencies: { [name]: version } }),
    );
    const stageMs = (options.deadlines ?? DEFAULT_DEADLINES).stageMs;
    const tree = await withStageDeadline(`${name}@${version}: dependency closure`, stageMs, async (signal) => {
      if (hint) await prefetchPackuments(hint, { ...options, packumentCache, signal }, packumentCache);
      const Arborist = arborist();
      const arb = new Arborist({
        ...options,
        packumentCache,
        signal,
        path: dir,
        ignoreScripts: true,
        audit: false,
        fund: false,
        save: false,
        packageLock: false,
        global: false,
        workspacesEnabled: false,
      });
      try {
        return await arb.buildIdealTree();
      } catch (err) {
        const code = (err as { code?: string }).code;
        if (code) throw registryError(err, `${name}@${version} (dependency closure)`, String(options.registry));
        throw toVetError(err, 'REGISTRY_ERROR', `${name}@${version}: cannot resolve the dependency closure`);
      }
    });
    const registries = registryPrefixes(options);
    const packages: Record<string, LockNode> = {};
    const nodes = [...tree.inventory.values()]
      .filter((n) => !n.isRoot)
      .sort((a, b) => (a.location < b.location ? -1 : 1));
    for (const node of nodes) {
      const entry: LockNode = { name: node.packageName, version: node.version };
      if (node.integrity) entry.integrity = node.integrity;
      const resolved = relativeResolved(node.resolved, registries);
      if (resolved) entry.resolved = resolved;
      if (node.optional) entry.optional = true;
      if (node.inBundle) entry.bundled = true;
      if (node.hasInstallScript) entry.hasInstallScript = true;
      for (const field of ['dependencies', 'optionalDependencies', 'peerDependencies'] as const) {
        const edges = stringMap(node.package[field]);
        if (edges) entry[field] = edges;
      }
      const meta = peerMeta(node.package['peerDependenciesMeta']);
      if (meta) entry.peerDependenciesMeta = meta;
      packages[node.location] = entry;
    }
    return { $schema: LOCK_SCHEMA_ID, formatVersion: 1, root: { name, version }, packages };
  } finally {
    await removeTempDir(dir);
  }
}

/**
 * Arborist walks the tree mostly one packument at a time. When an earlier closure of the same
 * package is known, fetch all its packuments concurrently first into the cache arborist reads.
 * Arborist asks for full metadata, so the same is fetched. Failures are ignored here: arborist
 * fetches again and reports them.
 */
async function prefetchPackuments(
  hint: LockFile,
  options: NpmOptions,
  cache: PackumentCache | Map<string, unknown>,
): Promise<void> {
  const names = [...new Set(Object.values(hint.packages).map((n) => n.name))].sort();
  let next = 0;
  const worker = async () => {
    while (next < names.length) {
      const name = names[next++]!;
      const fetch = () =>
        pacote()
          .packument(name, { ...options, fullMetadata: true })
          .catch(() => undefined);
      await (cache instanceof PackumentCache
        ? cache.once(PackumentCache.keyFor(registryFor(name, options), name), fetch)
        : fetch());
    }
  };
  await Promise.all(Array.from({ length: Math.min(PREFETCH_CONCURRENCY, names.length) }, worker));
}

const PREFETCH_CONCURRENCY = 16;

function stringMap(value: unknown): Record<string, string> | undefined {
  if (!value || typeof value !== 'object') return undefined;
  const entries = Object.entries(value as Record<string, unknown>).filter(
    (e): e is [string, string] => typeof e[1] === 'string',
  );
  return entries.length > 0 ? Object.fromEntries(entries.sort(([a], [b]) => (a < b ? -1 : 1))) : undefined;
}

function peerMeta(value: unknown): Record<string, { optional?: boolean }> | undefined {
  if (!value || typeof value !== 'object') return undefined;
  const out: Record<string, { optional?: boolean }> = {};
  for (const [name, meta] of Object.entries(value as Record<string, unknown>)) {
    if (meta && typeof meta === 'object' && typeof (meta as { optional?: unknown }).optional === 'boolean')
      out[name] = { optional: (meta as { optional: boolean }).optional };
  }
  return Object.keys(out).length > 0 ? out : undefined;
}

function registryPrefixes(options: NpmOptions): string[] {
  const out = new Set<string>();
  for (const [key, value] of Object.entries(options)) {
    if ((key === 'registry' || /^@[^:]+:registry$/.test(key)) && typeof value === 'string')
      out.add(value.endsWith('/') ? value : `${value}/`);
  }
  return [...out].sort((a, b) => b.length - a.length);
}

/** A registry tarball URL becomes its path below the registry, so that no host is written. */
export function relativeResolved(resolved: string | null, registries: readonly string[]): string | undefined {
  if (!resolved) return undefined;
  for (const reg of registries) {
    if (resolved.startsWith(reg)) return resolved.slice(reg.length);
  }
  return resolved;
}
