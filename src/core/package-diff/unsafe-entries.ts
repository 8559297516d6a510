import { finding, type Finding } from '../findings/finding.js';
import type { PackageVersion } from './input.js';

const MAX_LISTED = 20;

/** Entries refused by the reader (absolute or `..` paths) and links in the candidate's tarball. */
export function unsafeEntryFindings(subject: string, after: PackageVersion): Finding[] {
  const links = after.files
    .filter((f) => f.type === 'symlink' || f.type === 'link')
    .map((f) => `${f.path} -> ${f.linkpath ?? '?'}`);
  const refused = [...(after.unsafePaths ?? [])];
  if (links.length === 0 && refused.length === 0) return [];
  const parts: string[] = [];
  if (refused.length)
    parts.push(`${refused.length} with paths outside the package (${refused.slice(0, 3).join(', ')})`);
  if (links.length) parts.push(`${links.length} links (${links.slice(0, 3).join(', ')})`);
  return [
    finding('package/unsafe-tarball-entry', {
      subject,
      location: { kind: 'package', name: after.meta.name },
      message: `the tarball has unsafe entries: ${parts.join('; ')}`,
      evidence: { outside: refused.slice(0, MAX_LISTED), links: links.slice(0, MAX_LISTED) },
    }),
  ];
}
