import { finding, type Finding } from '../findings/finding.js';
import type { FileChanges } from './file-pairs.js';
import { isCodePath } from './input.js';

const MAX_LISTED = 50;

/**
 * Files added (one info finding each, up to 50, then one that counts the rest) and one info
 * finding that summarises the code change, so an ordinary release still shows as a change.
 */
export function filesChangedFindings(subject: string, name: string, changes: FileChanges): Finding[] {
  const out: Finding[] = [];
  changes.added.slice(0, MAX_LISTED).forEach((f) => {
    out.push(
      finding('package/file-added', {
        subject,
        location: { kind: 'file', file: f.path },
        message: `${f.path} added (${f.size} bytes)`,
        evidence: { size: f.size, sha256: f.sha256 },
      }),
    );
  });
  if (changes.added.length > MAX_LISTED) {
    out.push(
      finding('package/file-added', {
        subject,
        location: { kind: 'package', name },
        message: `${changes.added.length - MAX_LISTED} more files added`,
        evidence: { count: changes.added.length - MAX_LISTED },
      }),
    );
  }
  const changed = changes.changed
    .filter((p) => isCodePath(p.after.path))
    .map((p) => (p.renamed ? `${p.before.path} -> ${p.after.path}` : p.after.path));
  const added = changes.added.filter((f) => isCodePath(f.path)).map((f) => f.path);
  const removed = changes.removed.filter((f) => isCodePath(f.path)).map((f) => f.path);
  if (changed.length + added.length + removed.length > 0) {
    out.push(
      finding('package/code-changed', {
        subject,
        location: { kind: 'package', name },
        message: `code files: ${changed.length} changed, ${added.length} added, ${removed.length} removed`,
        evidence: {
          changed: changed.slice(0, MAX_LISTED),
          added: added.slice(0, MAX_LISTED),
          removed: removed.slice(0, MAX_LISTED),
        },
      }),
    );
  }
  return out;
}
