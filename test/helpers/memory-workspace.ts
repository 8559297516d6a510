import { join } from 'node:path';
import type { z } from 'zod';
import { canonicalJson } from '../../src/core/canonical-json.js';
import { VetError } from '../../src/core/errors.js';
import { ALLOWLIST_ENTRY_SCHEMA_ID, AllowlistEntry } from '../../src/core/workspace/allowlist-entry.js';
import { parseJsonFile } from '../../src/core/workspace/parse-file.js';
import { Workspace, type SnapshotFiles } from '../../src/io/workspace.js';

/**
 * The workspace port in memory: the same paths and parsing as the real one, files kept as text in
 * `files` (absolute path -> text), so a test can read what was written or tamper with evidence.
 */
export class MemoryWorkspace extends Workspace {
  readonly files = new Map<string, string>();

  constructor(root = '/ws') {
    super({ allowlist: join(root, 'allowlist'), snapshots: join(root, 'snapshots') });
  }

  override async init(): Promise<string[]> {
    return [];
  }

  override async assertExists(): Promise<void> {}

  override async readEntry(name: string): Promise<AllowlistEntry | null> {
    const file = this.entryFile(name);
    const text = this.files.get(file);
    if (text === undefined) return null;
    const entry = parseJsonFile(AllowlistEntry, text, this.display(file));
    if (entry.name !== name)
      throw new VetError('INVALID_FILE', `${this.display(file)}: field /name does not match the file's path`);
    return entry;
  }

  override async listEntries(): Promise<AllowlistEntry[]> {
    const prefix = this.dirs.allowlist + '/';
    const names = [...this.files.keys()]
      .filter((p) => p.startsWith(prefix) && p.endsWith('.json') && !p.slice(prefix.length).startsWith('remote/'))
      .map((p) => p.slice(prefix.length, -5))
      .sort();
    const out: AllowlistEntry[] = [];
    for (const name of names) {
      const e = await this.readEntry(name);
      if (e) out.push(e);
    }
    return out;
  }

  override async readSnapshotFile<T extends z.ZodType>(
    name: string,
    version: string,
    file: keyof SnapshotFiles,
    schema: T,
  ): Promise<z.infer<T> | null> {
    const path = join(this.snapshotDir(name, version), file);
    const text = this.files.get(path);
    return text === undefined ? null : parseJsonFile(schema, text, this.display(path));
  }

  override async writePin(entry: AllowlistEntry, files: SnapshotFiles): Promise<void> {
    const dir = this.snapshotDir(entry.name, entry.version);
    for (const [file, value] of Object.entries(files))
      if (value !== undefined) this.files.set(join(dir, file), canonicalJson(value));
    this.files.set(this.entryFile(entry.name), canonicalJson({ ...entry, $schema: ALLOWLIST_ENTRY_SCHEMA_ID }));
  }

  override withLock<T>(fn: () => Promise<T>): Promise<T> {
    return fn();
  }

  /** The text of an evidence file of a pin, to read or replace. */
  snapshotPath(name: string, version: string, file: keyof SnapshotFiles): string {
    return join(this.snapshotDir(name, version), file);
  }
}
