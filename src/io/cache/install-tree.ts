import { randomBytes } from 'node:crypto';
import { mkdir, rename, writeFile, chmod } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { VetError } from '../../core/errors.js';
import type { LockFile } from '../../core/workspace/lock-file.js';
import { installClosure } from '../install/install-closure.js';
import { pickBin } from '../install/pick-bin.js';
import { releaseDir } from '../sandbox/cleanup.js';
import type { NpmOptions } from '../npm-config.js';
import { stagingDir, treeDir, treesDir, type PinKeyFields } from './cache-paths.js';
import { sealTree, type TreeRecord } from './tree-record.js';
import { readTreeRecord, removeTree } from './tree-store.js';

export interface TreeRequest {
  root: string;
  key: string;
  pin: PinKeyFields & { dependencies: { count: number; tree?: string }; launch: { bin?: string } };
  lock: LockFile;
  npm: NpmOptions;
}

/**
 * Installs a pin's locked closure into the cache (install scripts never run; every tarball is
 * checked against its locked integrity and the result against the lock), records and seals it in
 * a staging folder of the same file system, then renames it into place in one step. A pin that
 * records its closure digest gets only a tree with that digest (else CACHE_TAMPERED, the staging
 * tree removed). Two starts
 * racing both install; the first rename wins and the other uses the winner's tree.
 */
export async function installTree(req: TreeRequest): Promise<TreeRecord> {
  const staging = stagingDir(req.root);
  await mkdir(staging, { recursive: true });
  await mkdir(treesDir(req.root), { recursive: true });
  const installed = await installClosure(req.lock, req.npm, { parent: staging });
  const container = join(staging, `tree-${process.pid}-${randomBytes(6).toString('hex')}`);
  try {
    await mkdir(container);
    const tree = join(container, 'tree');
    await rename(installed.dir, tree);
    releaseDir(installed.dir);
    const packageDir = join(tree, 'node_modules', ...req.pin.name.split('/'));
    const { bin, script } = await pickBin(packageDir, req.pin.name, req.pin.launch.bin);
    const sealed = sealTree(tree);
    const approved = req.pin.dependencies.tree;
    if (approved !== undefined && sealed.treeDigest !== approved)
      throw new VetError(
        'CACHE_TAMPERED',
        `${req.pin.name}@${req.pin.version}: the installed closure differs from the approved one (tree digest ${sealed.treeDigest}, approved ${approved}); not starting it. A registry or mirror served other content for the locked closure, or the pin was edited: check it with mcp-vet verify`,
        { details: { package: req.pin.name } },
      );
    const record: TreeRecord = {
      formatVersion: 1,
      key: req.key,
      pin: {
        name: req.pin.name,
        version: req.pin.version,
        integrity: req.pin.integrity,
        dependencies: { digest: req.pin.dependencies.digest, count: req.pin.dependencies.count },
      },
      bin: { name: bin, script: relative(tree, script).split(sep).join('/') },
      treeDigest: sealed.treeDigest,
      entries: sealed.entries,
    };
    const file = join(container, 'record.json');
    await writeFile(file, JSON.stringify(record));
    await chmod(file, 0o444);
    try {
      await rename(container, treeDir(req.root, req.key));
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code !== 'ENOTEMPTY' && code !== 'EEXIST') throw err;
      // another start installed the same pin first: use its tree
      removeTree(req.root, container);
      const theirs = readTreeRecord(req.root, req.key);
      if (!theirs) throw err;
      return theirs;
    }
    return record;
  } catch (err) {
    removeTree(req.root, container);
    removeTree(req.root, installed.dir);
    if (err instanceof VetError) throw err;
    throw new VetError(
      'WRITE_FAILED',
      `cannot install ${req.pin.name}@${req.pin.version} into the cache ${req.root}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`,
      { cause: err, details: { file: req.root } },
    );
  }
}
