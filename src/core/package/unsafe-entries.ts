/** A tarball entry that could write or point outside the package directory when unpacked. */
export interface UnsafeEntry {
  path: string;
  /** outside: an absolute path or `..` segment; special: a device, FIFO or other non-file */
  kind: 'outside' | 'symlink' | 'hardlink' | 'special';
  /** where a link points */
  linkpath?: string;
}

interface EntryLike {
  path: string;
  type?: string;
  linkpath?: string;
}

/**
 * Every unsafe entry of a tarball, of every kind, sorted by path: entries the reader refused
 * (absolute, `..`), symbolic and hard links (whatever they point at), and devices, FIFOs or other
 * special files. A registry tarball has no reason to hold any of them.
 */
export function classifyUnsafeEntries(files: readonly EntryLike[], refused: readonly string[] = []): UnsafeEntry[] {
  const out: UnsafeEntry[] = refused.map((path) => ({ path, kind: 'outside' as const }));
  for (const f of files) {
    const kind =
      f.type === 'symlink' ? 'symlink' : f.type === 'link' ? 'hardlink' : f.type === 'other' ? 'special' : null;
    if (!kind) continue;
    const e: UnsafeEntry = { path: f.path, kind };
    if (f.linkpath !== undefined) e.linkpath = f.linkpath;
    out.push(e);
  }
  return out.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : a.kind < b.kind ? -1 : 1));
}
