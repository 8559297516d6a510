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
  /** sha256 over every entry's type, path and content digest (or link target), sorted by path */
  treeDigest: string;
  entries: TreeEntry[];
}

const sha256 = (data: Buffer | string) => createHash('sha256').update(data).digest('hex');

/** The digest of a tree from its entries (type, path, content). */
export function treeDigestOf(items: ReadonlyArray<readonly [path: string, type: string, content: string]>): string {
  const lines = items.map(([path, type, content]) => `${type} ${path} ${content}\n`).sort();
  return `sha256:${sha256(lines.join(''))}`;
}

/**
 * Hashes every file of a freshly installed tree, removes every write permission (the tree is
 * never written again), then records each entry's inode, times and size as they are after that,
 * so that a later start can tell an untouched tree from a changed one with one `lstat` per entry.
 */
export function sealTree(dir: string): { entries: TreeEntry[]; treeDigest: string } {
  const found: Array<{ path: string; type: 'f' | 'd' | 'l'; content: string }> = [];
  const walk = (rel: string) => {
    const abs = rel === '.' ? dir : join(dir, rel);
    for (const item of readdirSync(abs, { withFileTypes: true })) {
      const childRel = rel === '.' ? item.name : `${rel}/${item.name}`;
      const childAbs = join(abs, item.name);
      if (item.isDirectory()) {
        found.push({ path: childRel, type: 'd', content: '' });
        walk(childRel);
      } else if (item.isSymbolicLink()) found.push({ path: childRel, type: 'l', content: readlinkSync(childAbs) });
      else if (item.isFile()) found.push({ path: childRel, type: 'f', content: sha256(readFileSync(childAbs)) });
      // sockets, fifos and devices are never extracted by the installer; nothing to record
    }
  };
  found.push({ path: '.', type: 'd', content: '' });
  walk('.');
  // children before parents, so a folder loses its write bit after its content did
  for (const e of [...found].reverse()) {
    if (e.type === 'l') continue;
    const abs = join(dir, e.path);
    chmodSync(abs, lstatSync(abs).mode & 0o555);
  }
  const entries = found.map((e): TreeEntry => {
    const st = lstatSync(join(dir, e.path));
    return [e.path, e.type, st.mode, e.type === 'd' ? 0 : st.size, e.content, st.ino, st.mtimeMs, st.ctimeMs];
  });
  return { entries, treeDigest: treeDigestOf(found.map((e) => [e.path, e.type, e.content])) };
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
  if (problems.length === 0 && treeDigestOf(seen) !== record.treeDigest)
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
