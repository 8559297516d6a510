import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { VetError, toVetError } from '../../core/errors.js';
import { lockHasEdges, toPackageLock } from '../../core/package/package-lock.js';
import type { LockFile } from '../../core/workspace/lock-file.js';
import { lazyRequire } from '../lazy-require.js';
import { isDeadlineFailure } from '../net/deadline-agent.js';
import { registryError } from '../registry-errors.js';
import { DEFAULT_DEADLINES } from '../net/deadlines.js';
import { withStageDeadline } from '../net/stage-deadline.js';
import type { NpmOptions } from '../npm-config.js';
import { closureDigestOfDir } from '../cache/tree-record.js';
import { makeTempDir, removeTempDir } from '../sandbox/cleanup.js';

const arborist =
  lazyRequire<new (opts: Record<string, unknown>) => { reify(opts?: Record<string, unknown>): Promise<unknown> }>(
    '@npmcli/arborist',
  );

/** Where the root's own bytes are written for the installer (removed once installed). */
const ROOT_TARBALL = 'mcp-vet-root.tgz';

export interface InstalledPackage {
  /** the temporary project folder (holds node_modules) */
  dir: string;
  /** node_modules/<name> */
  packageDir: string;
  /** the closure digest of what was installed (`closureDigestOf`), when asked for with `digest` */
  treeDigest?: string;
  remove(): Promise<void>;
}

/**
 * Installs the locked closure of a package into a temporary folder with install scripts disabled
 * (arborist reify from a package-lock.json made from the lock; pacote checks every tarball against
 * its integrity), then checks that what was installed is exactly the lock: the same paths,
 * versions and integrities, nothing more. `root`: the root package's bytes, already fetched and
 * verified by the caller, installed from a file instead of being fetched again (the installer still
 * checks them against the locked integrity). `digest`: also the closure digest of the installed
 * tree, the one a pin records and `mcp-vet run` requires of its cached copy.
 */
export async function installClosure(
  lock: LockFile,
  npm: NpmOptions,
  options: { parent?: string; root?: Buffer; digest?: boolean } = {},
): Promise<InstalledPackage> {
  const { name, version } = lock.root;
  // `parent`: where the temporary folder is made (the run cache, so that it can be renamed into place)
  const dir = await makeTempDir('mcp-vet-install-', options.parent);
  const remove = () => removeTempDir(dir);
  try {
    await writeFile(
      join(dir, 'package.json'),
      JSON.stringify({ name: 'mcp-vet-snapshot', version: '0.0.0', private: true, dependencies: { [name]: version } }),
    );
    // With the lock's edges, npm's installer reproduces exactly the pinned closure; an older lock
    // without them is resolved afresh and must come out the same (checked below).
    const rootPath = `node_modules/${name}`;
    const local = options.root && lockHasEdges(lock) && lock.packages[rootPath]?.integrity ? ROOT_TARBALL : null;
    if (local) await writeFile(join(dir, local), options.root!);
    if (lockHasEdges(lock))
      await writeFile(
        join(dir, 'package-lock.json'),
        JSON.stringify(toPackageLock(lock, undefined, local ? { [rootPath]: local } : {})),
      );
    const stageMs = (npm.deadlines ?? DEFAULT_DEADLINES).stageMs;
    await withStageDeadline(`${name}@${version}: install of the locked closure`, stageMs, async (signal) => {
      const Arborist = arborist();
      const arb = new Arborist({
        ...npm,
        signal,
        path: dir,
        ignoreScripts: true,
        audit: false,
        fund: false,
        save: false,
        global: false,
        workspacesEnabled: false,
        packageLockOnly: false,
        binLinks: false,
      });
      try {
        await arb.reify({ ignoreScripts: true, save: false });
      } catch (err) {
        const code = (err as { code?: string }).code;
        if (isDeadlineFailure(err)) throw registryError(err, `${name}@${version} (install)`, npm.registry);
        if (code === 'EINTEGRITY')
          throw new VetError(
            'VERIFICATION_FAILED',
            `${name}@${version}: a tarball of the closure does not match its locked integrity`,
            { cause: err },
          );
        throw toVetError(err, 'REGISTRY_ERROR', `${name}@${version}: cannot install the dependency closure`);
      }
    });
    if (local) await rm(join(dir, local), { force: true });
    await checkInstalled(dir, lock);
    const packageDir = join(dir, 'node_modules', ...name.split('/'));
    return { dir, packageDir, remove, ...(options.digest ? { treeDigest: closureDigestOfDir(dir) } : {}) };
  } catch (err) {
    await remove();
    throw err;
  }
}

/** Every locked package is installed at its location and version, and nothing else is. */
async function checkInstalled(dir: string, lock: LockFile): Promise<void> {
  const subject = `${lock.root.name}@${lock.root.version}`;
  const problems: string[] = [];
  for (const [location, node] of Object.entries(lock.packages)) {
    if (node.optional) continue;
    let pkg: { name?: string; version?: string };
    try {
      pkg = JSON.parse(await readFile(join(dir, location, 'package.json'), 'utf8')) as typeof pkg;
    } catch {
      problems.push(`${location} is missing`);
      continue;
    }
    if (pkg.version !== node.version) problems.push(`${location} is ${String(pkg.version)}, locked ${node.version}`);
  }
  const hidden = JSON.parse(
    await readFile(join(dir, 'node_modules', '.package-lock.json'), 'utf8').catch(() => '{}'),
  ) as { packages?: Record<string, { integrity?: string }> };
  for (const [location, installed] of Object.entries(hidden.packages ?? {})) {
    const locked = lock.packages[location];
    if (!locked) problems.push(`${location} is installed but not locked`);
    else if (locked.integrity && installed.integrity && locked.integrity !== installed.integrity)
      problems.push(`${location} has integrity ${installed.integrity}, locked ${locked.integrity}`);
  }
  if (problems.length > 0) {
    throw new VetError(
      'VERIFICATION_FAILED',
      `${subject}: the installed closure differs from the lock: ${problems.slice(0, 5).join('; ')}`,
      { details: { package: subject } },
    );
  }
}
