import { finding, type Finding } from '../findings/finding.js';
import { classifyUnsafeEntries, type UnsafeEntry } from '../package/unsafe-entries.js';
import type { PackageVersion } from './input.js';

const MAX_LISTED = 20;
const WHAT: Record<UnsafeEntry['kind'], string> = {
  outside: 'with paths outside the package',
  symlink: 'symbolic links',
  hardlink: 'hard links',
  special: 'devices or other special files',
};

/**
 * Unsafe entries of a version's tarball, of every kind: refused paths (absolute, `..`), symbolic
 * and hard links, devices and FIFOs. Checked on every version, whether first pinned, an update or
 * the pinned version fetched again.
 */
export function unsafeEntryFindings(subject: string, version: PackageVersion): Finding[] {
  const entries = classifyUnsafeEntries(version.files, version.unsafePaths);
  if (entries.length === 0) return [];
  const parts: string[] = [];
  for (const kind of ['outside', 'symlink', 'hardlink', 'special'] as const) {
    const of = entries.filter((e) => e.kind === kind);
    if (of.length === 0) continue;
    const shown = of.slice(0, 3).map((e) => (e.linkpath === undefined ? e.path : `${e.path} -> ${e.linkpath}`));
    parts.push(`${of.length} ${WHAT[kind]} (${shown.join(', ')})`);
  }
  return [
    finding('package/unsafe-tarball-entry', {
      subject,
      location: { kind: 'package', name: version.meta.name },
      message: `the tarball has unsafe entries: ${parts.join('; ')}`,
      evidence: { entries: entries.slice(0, MAX_LISTED) },
    }),
  ];
}
