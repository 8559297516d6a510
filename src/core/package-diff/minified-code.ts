import { finding, type Finding } from '../findings/finding.js';
import type { CodeText } from './code-profile.js';
import type { FileChanges } from './file-pairs.js';

/**
 * Minified JavaScript added: a new file (or a file that was readable before) whose lines are very
 * long. Only reported when the approved version shipped no minified code at all, since bundled
 * packages legitimately ship minified files in every release.
 */
const MIN_SIZE = 2048;

export function isMinified(file: CodeText): boolean {
  let total = 0;
  let longest = 0;
  for (const l of file.lines) {
    total += l.length + 1;
    if (l.length > longest) longest = l.length;
  }
  if (total < MIN_SIZE || !/\.[cm]?jsx?$/i.test(file.path)) return false;
  return total / file.lines.length > 300 || (longest > 5000 && longest > total * 0.5);
}

export function minifiedFindings(
  subject: string,
  changes: FileChanges,
  beforeCode: readonly CodeText[],
  afterCode: readonly CodeText[],
): Finding[] {
  if (beforeCode.some(isMinified)) return [];
  const touched = new Set([...changes.added.map((f) => f.path), ...changes.changed.map((p) => p.after.path)]);
  return afterCode
    .filter((f) => touched.has(f.path) && isMinified(f))
    .map((f) => {
      const longest = f.lines.reduce((i, l, j, all) => (l.length > all[i]!.length ? j : i), 0);
      return finding('package/minified-code-added', {
        subject,
        location: { kind: 'file', file: f.path, line: longest + 1 },
        message: `${f.path} is minified (line ${longest + 1} is ${f.lines[longest]!.length} characters); the approved version ships no minified code`,
        evidence: { lines: f.lines.length, longestLine: f.lines[longest]!.length },
      });
    });
}
