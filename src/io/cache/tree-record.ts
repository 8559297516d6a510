import { createHash } from 'node:crypto';
import { chmodSync, lstatSync, readdirSync, readFileSync, readlinkSync, type Stats } from 'node:fs';
import { join, sep } from 'node:path';

/**
 * One entry of an installed tree: `[path, type, mode, size, sha256 | link target, ino, mtimeMs, ctimeMs]`
 * (a tuple, so that the record of a 4,000-file tree parses quickly on every start).
 * `path` is relative to the tree with `/` separators; `.` is the tree itself.
 */
export type TreeEntry = [string, 'f' | 'd' | 'l', number, number, string, number, number, number];

export interface TreeRecord {
  formatVersion: 1;
  key: string;
  pin: { name: string; version: string; integrity: string; dependencies: { digest: string; count: number } };
  /** the server's bin, relative to the tree */
  bin: { name: string; script: string };
  /** the closure digest (`closureDigestOf`): what the pin records when it has one */
  treeDigest: string;
  entries: TreeEntry[];
}

const sha256 = (data: Buffer | string) => createHash('sha256').update(data).digest('hex');

const lineOf = (path: string, type: string, content: string) => `${type} ${path} ${content}\n`;
const digestOfLines = (lines: string[]) => `sha256:${sha256(lines.sort().join(''))}`;

/** The digest of a tree from its entries (type, path, content). */
export function treeDigestOf(items: ReadonlyArray<readonly [path: string, type: string, content: string]>): string {
  return digestOfLines(items.map(([path, type, content]) => lineOf(path, type, content)));
}

/**
 * Files of an installed closure that are not part of what was approved: npm's hidden lockfile
 * (`node_modules/.package-lock.json`, holding the `resolved` URLs of the registry it was installed
 * from) and the project's `package-lock.json` that mcp-vet writes from the lock (which points the
 * root at a local tarball when its bytes were already at hand). Both differ between machines,
 * registries and mirrors for the same closure; neither is read by the server.
 */
const UNBOUND = new Set(['node_modules/.package-lock.json', 'package-lock.json']);

/**
 * The digest of an installed closure, comparable between machines: `treeDigestOf` over every
 * entry but the unbound ones. The one answer to "is this the approved tree?": the snapshot records
 * it in the pin, the run cache seals its trees with it, and both checks recompute it.
 */
export function closureDigestOf(items: ReadonlyArray<readonly [path: string, type: string, content: string]>): string {
  const lines: string[] = [];
  for (const [path, type, content] of items) if (!UNBOUND.has(path)) lines.push(lineOf(path, type, content));
  return digestOfLines(lines);
}

/**
 * `closureDigestOf` of a tree from its record's entries (what a warm start recomputes: one pass,
 * no copy of the entries, a few ms for a 4,000-entry tree).
 */
export function recordDigestOf(entries: readonly TreeEntry[]): string {
  const lines: string[] = [];
  for (const e of entries) if (!UNBOUND.has(e[0])) lines.push(lineOf(e[0], e[1], e[4]));
  return digestOfLines(lines);
}

type Found = [path: string, type: 'f' | 'd' | 'l', content: string];

/** Every entry of a tree (`.` first, then depth first), files hashed, links read. */
function listTree(dir: string): Found[] {
  const found: Found[] = [['.', 'd', '']];
  const walk = (rel: string) => {
    const abs = rel === '.' ? dir : join(dir, rel);
    for (const item of readdirSync(abs, { withFileTypes: true })) {
      const childRel = rel === '.' ? item.name : `${rel}/${item.name}`;
      const childAbs = join(abs, item.name);
      if (item.isDirectory()) {
        found.push([childRel, 'd', '']);
        walk(childRel);
      } else if (item.isSymbolicLink()) found.push([childRel, 'l', readlinkSync(childAbs)]);
      else if (item.isFile()) found.push([childRel, 'f', sha256(readFileSync(childAbs))]);
      // sockets, fifos and devices are never extracted by the installer; nothing to record
    }
  };
  walk('.');
  return found;
}

/** The closure digest of an installed tree on disk (the snapshot side; nothing is changed). */
export function closureDigestOfDir(dir: string): string {
  return closureDigestOf(listTree(dir));
}

/**
 * Hashes every file of a freshly installed tree, removes every write permission (the tree is
 * never written again), then records each entry's inode, times and size as they are after that,
 * so that a later start can tell an untouched tree from a changed one with one `lstat` per entry.
 */
export function sealTree(dir: string): { entries: TreeEntry[]; treeDigest: string } {
  const found = listTree(dir);
  // children before parents, so a folder loses its write bit after its content did
  for (const [path, type] of [...found].reverse()) {
    if (type === 'l') continue;
    const abs = join(dir, path);
    chmodSync(abs, lstatSync(abs).mode & 0o555);
  }
  // in the digest's order (its lines sorted), so that a start's recomputation sorts a sorted list: O(n)
  const ordered = found
    .map((e) => [lineOf(...e), e] as const)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([, e]) => e);
  const entries = ordered.map(([path, type, content]): TreeEntry => {
    const st = lstatSync(join(dir, path));
    return [path, type, st.mode, type === 'd' ? 0 : st.size, content, st.ino, st.mtimeMs, st.ctimeMs];
  });
  return { entries, treeDigest: closureDigestOf(found) };
}

/**
 * The quick check of every start: one lstat per recorded entry. An entry whose inode, times, size
 * or mode differ from the record is looked at closely (a file hashed, a folder listed); only a
 * difference in content, type, mode or membership is a problem. Returns the first problems found.
 */
export function quickCheckTree(dir: string, record: TreeRecord, max = 5): string[] {
  const problems: string[] = [];
  let children: Map<string, string[]> | undefined;
  // recorded paths are relative, with `/` (sealTree wrote them so): plain concatenation spares
  // a path.join per entry on every start
  const prefix = dir.endsWith(sep) ? dir : dir + sep;
  for (const entry of record.entries) {
    const [path, type, mode, size, content, ino, mtimeMs, ctimeMs] = entry;
    const abs = path === '.' ? dir : prefix + (sep === '/' ? path : path.split('/').join(sep));
    const st: Stats | undefined = lstatSync(abs, { throwIfNoEntry: false });
    if (!st) problems.push(`${path} is missing`);
    else if (st.ino === ino && st.mtimeMs === mtimeMs && st.ctimeMs === ctimeMs && st.mode === mode) {
      if (type === 'f' && st.size !== size) problems.push(`${path} changed size`);
    } else if (typeOf(st) !== type) problems.push(`${path} is no longer a ${typeName(type)}`);
    else if (type === 'f' && (st.size !== size || sha256(readFileSync(abs)) !== content))
      problems.push(`${path} changed content`);
    else if ((st.mode & 0o7777) !== (mode & 0o7777)) problems.push(`${path} changed permissions`);
    else if (type === 'l' && readlinkSync(abs) !== content) problems.push(`${path} points elsewhere`);
    else if (type === 'd') {
      children ??= childrenOf(record);
      const want = children.get(path) ?? [];
      const have = readdirSync(abs).sort();
      if (want.join('\0') !== have.join('\0')) problems.push(`${path} has added or removed entries`);
    }
    if (problems.length >= max) break;
  }
  return problems;
}

/** The full check (`mcp-vet cache verify`): every file hashed, the tree listed, the digest recomputed. */
export function fullCheckTree(dir: string, record: TreeRecord, max = 10): string[] {
  const problems: string[] = [];
  const recorded = new Map(record.entries.map((e) => [e[0], e]));
  const seen: Array<[string, 'f' | 'd' | 'l', string]> = [];
  const walk = (rel: string) => {
    const abs = rel === '.' ? dir : join(dir, rel);
    for (const name of readdirSync(abs).sort()) {
      const childRel = rel === '.' ? name : `${rel}/${name}`;
      const childAbs = join(abs, name);
      const st = lstatSync(childAbs);
      const type = typeOf(st);
      const want = recorded.get(childRel);
      if (!want) problems.push(`${childRel} is not part of the installed tree`);
      else if (want[1] !== type) problems.push(`${childRel} is no longer a ${typeName(want[1])}`);
      else if ((st.mode & 0o7777) !== (want[2] & 0o7777)) problems.push(`${childRel} changed permissions`);
      if (type === 'd') {
        seen.push([childRel, 'd', '']);
        walk(childRel);
      } else if (type === 'l') seen.push([childRel, 'l', readlinkSync(childAbs)]);
      else if (type === 'f') {
        const digest = sha256(readFileSync(childAbs));
        if (want && want[1] === 'f' && want[4] !== digest) problems.push(`${childRel} changed content`);
        seen.push([childRel, 'f', digest]);
      } else problems.push(`${childRel} is not a file, folder or link`);
    }
  };
  seen.push(['.', 'd', '']);
  walk('.');
  const present = new Set(seen.map((e) => e[0]));
  for (const path of recorded.keys()) if (!present.has(path)) problems.push(`${path} is missing`);
  if (problems.length === 0 && closureDigestOf(seen) !== record.treeDigest)
    problems.push('the tree does not have the digest recorded when it was installed');
  return problems.slice(0, max);
}

function childrenOf(record: TreeRecord): Map<string, string[]> {
  const map = new Map<string, string[]>();
  for (const [path] of record.entries) {
    if (path === '.') continue;
    const cut = path.lastIndexOf('/');
    const parent = cut === -1 ? '.' : path.slice(0, cut);
    const list = map.get(parent) ?? [];
    list.push(path.slice(cut + 1));
    map.set(parent, list);
  }
  for (const list of map.values()) list.sort();
  return map;
}

function typeOf(st: Stats): 'f' | 'd' | 'l' | 'other' {
  return st.isFile() ? 'f' : st.isDirectory() ? 'd' : st.isSymbolicLink() ? 'l' : 'other';
}

function typeName(type: 'f' | 'd' | 'l'): string {
  return type === 'f' ? 'file' : type === 'd' ? 'folder' : 'link';
}
