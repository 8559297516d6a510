import { mkdir, readdir, readFile, stat } from 'node:fs/promises';
import { join, relative, resolve, sep } from 'node:path';
import type { z } from 'zod';
import { canonicalJson } from '../core/canonical-json.js';
import { VetError } from '../core/errors.js';
import { parsePackageSpec } from '../core/spec.js';
import { ALLOWLIST_ENTRY_SCHEMA_ID, AllowlistEntry } from '../core/workspace/allowlist-entry.js';
import { LockFile } from '../core/workspace/lock-file.js';
import { PackageMeta } from '../core/workspace/package-meta.js';
import { parseJsonFile } from '../core/workspace/parse-file.js';
import { writeFileAtomic } from './atomic-write.js';
import { withFileLock } from './workspace-lock.js';

export interface WorkspaceDirs {
  allowlist: string;
  snapshots: string;
}

/** Evidence files written for one pinned version, in snapshots/<name>/<version>/. */
export type SnapshotFiles = Partial<
  Record<'lock.json' | 'package.json' | 'manifest.json' | 'attestations.json' | 'behaviour.json', unknown>
>;

/** The allowlist/ and snapshots/ folders of a user's repository. */
export class Workspace {
  readonly dirs: WorkspaceDirs;

  constructor(dirs: WorkspaceDirs) {
    this.dirs = { allowlist: resolve(dirs.allowlist), snapshots: resolve(dirs.snapshots) };
  }

  static at(options: { allowlist?: string; snapshots?: string; cwd?: string }): Workspace {
    const cwd = options.cwd ?? process.cwd();
    return new Workspace({
      allowlist: resolve(cwd, options.allowlist ?? 'allowlist'),
      snapshots: resolve(cwd, options.snapshots ?? 'snapshots'),
    });
  }

  /** Creates both folders; returns the ones that were new. */
  async init(): Promise<string[]> {
    const created: string[] = [];
    for (const dir of [this.dirs.allowlist, this.dirs.snapshots]) {
      if (!(await isDir(dir))) {
        try {
          await mkdir(dir, { recursive: true });
        } catch (err) {
          throw new VetError(
            'WRITE_FAILED',
            `cannot create ${dir}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`,
            { cause: err, details: { file: dir } },
          );
        }
        created.push(dir);
      }
    }
    return created;
  }

  async assertExists(): Promise<void> {
    for (const dir of [this.dirs.allowlist, this.dirs.snapshots]) {
      if (!(await isDir(dir))) {
        throw new VetError(
          'WORKSPACE_MISSING',
          `${dir} does not exist; run mcp-vet init first (or pass --allowlist/--snapshots)`,
          { details: { file: dir } },
        );
      }
    }
  }

  entryFile(name: string): string {
    return join(this.dirs.allowlist, ...safeName(name).split('/')) + '.json';
  }

  snapshotDir(name: string, version: string): string {
    if (!/^[0-9A-Za-z.+-]+$/.test(version))
      throw new VetError('INVALID_SPEC', `invalid version "${version}" for ${name}`);
    return join(this.dirs.snapshots, ...safeName(name).split('/'), version);
  }

  async readEntry(name: string): Promise<AllowlistEntry | null> {
    const file = this.entryFile(name);
    const text = await readOptional(file);
    if (text === null) return null;
    const entry = parseJsonFile(AllowlistEntry, text, this.display(file));
    if (entry.name !== name) {
      throw new VetError(
        'INVALID_FILE',
        `${this.display(file)}: field /name: "${entry.name}" does not match the file's path (${name})`,
        { details: { file, field: '/name' } },
      );
    }
    return entry;
  }

  /** Every pinned server (npm packages; remote/ holds URL servers and is skipped here). */
  async listEntries(): Promise<AllowlistEntry[]> {
    const names: string[] = [];
    const walk = async (dir: string, prefix: string) => {
      let items;
      try {
        items = await readdir(dir, { withFileTypes: true });
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'ENOENT') return;
        throw err;
      }
      for (const item of items) {
        if (item.name.startsWith('.')) continue;
        if (item.isDirectory() && prefix === '' && item.name.startsWith('@'))
          await walk(join(dir, item.name), `${item.name}/`);
        else if (item.isFile() && item.name.endsWith('.json')) names.push(prefix + item.name.slice(0, -5));
        else if (!(item.isFile() && /\.(md|txt)$/i.test(item.name)) && !(prefix === '' && item.name === 'remote'))
          // anything else here would be skipped without a word: a folder named like an entry, a
          // symlink, a folder that is not a scope (@scope/)
          throw new VetError(
            'INVALID_FILE',
            `${this.display(join(dir, item.name))}: not an allowlist entry (${item.isDirectory() ? 'a folder' : 'not a regular .json file'}; entries are <name>.json files, scoped ones in @scope/ folders)`,
            { details: { file: join(dir, item.name) } },
          );
      }
    };
    await walk(this.dirs.allowlist, '');
    const entries: AllowlistEntry[] = [];
    for (const name of names.sort()) {
      const entry = await this.readEntry(name);
      if (entry) entries.push(entry);
    }
    return entries;
  }

  async readSnapshotFile<T extends z.ZodType>(
    name: string,
    version: string,
    file: keyof SnapshotFiles,
    schema: T,
  ): Promise<z.infer<T> | null> {
    const path = join(this.snapshotDir(name, version), file);
    const text = await readOptional(path);
    return text === null ? null : parseJsonFile(schema, text, this.display(path));
  }

  readLock(name: string, version: string): Promise<LockFile | null> {
    return this.readSnapshotFile(name, version, 'lock.json', LockFile);
  }

  readPackageMeta(name: string, version: string): Promise<PackageMeta | null> {
    return this.readSnapshotFile(name, version, 'package.json', PackageMeta);
  }

  /**
   * Writes the evidence first and the allowlist entry last, each file atomically, under the
   * workspace lock: a run that fails or is killed leaves the previous pin intact.
   */
  async writePin(entry: AllowlistEntry, files: SnapshotFiles): Promise<void> {
    await this.assertExists();
    await this.withLock(async () => {
      const dir = this.snapshotDir(entry.name, entry.version);
      for (const [file, value] of Object.entries(files).sort(([a], [b]) => a.localeCompare(b))) {
        if (value !== undefined) await writeFileAtomic(join(dir, file), canonicalJson(value));
      }
      await writeFileAtomic(
        this.entryFile(entry.name),
        canonicalJson({ ...entry, $schema: ALLOWLIST_ENTRY_SCHEMA_ID }),
      );
    });
  }

  /**
   * Runs fn holding the workspace lock; another run that asks for it fails with WORKSPACE_BUSY.
   * Re-entrant on this workspace: a use case that holds it writes its pin under the same lock.
   */
  async withLock<T>(fn: () => Promise<T>): Promise<T> {
    if (this.lockDepth > 0) return this.nested(fn);
    return withFileLock(join(this.dirs.allowlist, '.mcp-vet.lock'), () => this.nested(fn));
  }

  private lockDepth = 0;

  private async nested<T>(fn: () => Promise<T>): Promise<T> {
    this.lockDepth++;
    try {
      return await fn();
    } finally {
      this.lockDepth--;
    }
  }

  /** A path as shown in messages: relative to the working directory when inside it. */
  display(path: string): string {
    const rel = relative(process.cwd(), path);
    return rel && !rel.startsWith('..') && !rel.startsWith(sep) ? rel : path;
  }
}

/** Names already found valid (a pure check, asked several times per pin by every command). */
const validNames = new Set<string>();

function safeName(name: string): string {
  if (validNames.has(name)) return name;
  const spec = parsePackageSpec(name);
  if (spec.name !== name) throw new VetError('INVALID_SPEC', `invalid package name "${name}"`);
  validNames.add(name);
  return name;
}

async function readOptional(file: string): Promise<string | null> {
  try {
    return await readFile(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw new VetError(
      'INVALID_FILE',
      `cannot read ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`,
      { cause: err, details: { file } },
    );
  }
}

async function isDir(dir: string): Promise<boolean> {
  try {
    return (await stat(dir)).isDirectory();
  } catch {
    return false;
  }
}
