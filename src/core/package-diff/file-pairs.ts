import type { PackageEntry, PackageVersion } from './input.js';

export interface FilePair {
  before: PackageEntry;
  after: PackageEntry;
  /** true when the path differs (a bundler's content hash in the file name changed) */
  renamed: boolean;
}

export interface FileChanges {
  added: PackageEntry[];
  removed: PackageEntry[];
  /** same path or renamed, with different bytes */
  changed: FilePair[];
  /** same path or renamed, same bytes */
  unchanged: FilePair[];
}

/**
 * Matches the files of two versions: by path, then by "shape" — a bundler output such as
 * `dist/chunk-FBGYN3F2.js` becoming `dist/chunk-4PNJQ7WT.js` is the same file renamed, not a
 * removed and an added one.
 */
export function matchFiles(before: PackageVersion, after: PackageVersion): FileChanges {
  const a = new Map(before.files.filter((f) => f.type !== 'directory').map((f) => [f.path, f]));
  const b = new Map(after.files.filter((f) => f.type !== 'directory').map((f) => [f.path, f]));
  const out: FileChanges = { added: [], removed: [], changed: [], unchanged: [] };
  const onlyA: PackageEntry[] = [];
  const onlyB: PackageEntry[] = [];
  for (const [path, fa] of a) {
    const fb = b.get(path);
    if (!fb) onlyA.push(fa);
    else
      (fa.sha256 === fb.sha256 && fa.type === fb.type ? out.unchanged : out.changed).push({
        before: fa,
        after: fb,
        renamed: false,
      });
  }
  for (const [path, fb] of b) if (!a.has(path)) onlyB.push(fb);
  const byShape = new Map<string, PackageEntry[]>();
  for (const f of onlyA) {
    const list = byShape.get(shapeOf(f.path)) ?? [];
    list.push(f);
    byShape.set(shapeOf(f.path), list);
  }
  for (const fb of onlyB) {
    const candidates = byShape.get(shapeOf(fb.path));
    const fa = candidates?.shift();
    if (!fa) {
      out.added.push(fb);
      continue;
    }
    (fa.sha256 === fb.sha256 ? out.unchanged : out.changed).push({ before: fa, after: fb, renamed: true });
  }
  for (const list of byShape.values()) out.removed.push(...list);
  const byPath = (x: { path: string }, y: { path: string }) => (x.path < y.path ? -1 : x.path > y.path ? 1 : 0);
  out.added.sort(byPath);
  out.removed.sort(byPath);
  out.changed.sort((x, y) => byPath(x.after, y.after));
  return out;
}

/** `dist/chunk-FBGYN3F2.js` -> `dist/chunk-*.js`; names without a hash-like part are their own shape. */
export function shapeOf(path: string): string {
  return path.replace(/([-.])(?=[A-Za-z0-9_]*\d)[A-Za-z0-9_]{6,20}(?=\.[A-Za-z0-9]+$)/, '$1*');
}
