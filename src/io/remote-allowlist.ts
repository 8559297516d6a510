import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseJsonFile } from '../core/workspace/parse-file.js';
import { RemoteEntry } from '../core/workspace/remote-entry.js';
import { VetError } from '../core/errors.js';

export interface StoredRemote {
  /** the file name without .json */
  id: string;
  /** the file as displayed */
  file: string;
  entry: RemoteEntry;
}

/** Every allowlist/remote/<id>.json; an invalid one is an error naming the file (exit 2). */
export async function readRemoteEntries(
  allowlistDir: string,
  display: (path: string) => string,
): Promise<StoredRemote[]> {
  const dir = join(allowlistDir, 'remote');
  let names: string[];
  try {
    names = (await readdir(dir, { withFileTypes: true }))
      .filter((d) => d.isFile() && d.name.endsWith('.json') && !d.name.startsWith('.'))
      .map((d) => d.name)
      .sort();
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw new VetError(
      'INVALID_FILE',
      `cannot read ${display(dir)}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`,
      { cause: err, details: { file: display(dir) } },
    );
  }
  const out: StoredRemote[] = [];
  for (const name of names) {
    const path = join(dir, name);
    const file = display(path);
    out.push({ id: name.slice(0, -5), file, entry: parseJsonFile(RemoteEntry, await readFile(path, 'utf8'), file) });
  }
  return out;
}
