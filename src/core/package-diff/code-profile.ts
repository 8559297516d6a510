import { isCodePath, type PackageVersion } from './input.js';

/** Where something was seen: file and 1-based line, with the matched text (shortened). */
export interface Site {
  file: string;
  line: number;
  match: string;
}

/** A code file's text, split in lines once for every scanner. */
export interface CodeText {
  path: string;
  lines: readonly string[];
}

/** Finds things in one file and records each under a key (a host, an API kind…), first site wins. */
export interface CodeScanner {
  id: string;
  scan(file: CodeText, add: (key: string, site: Omit<Site, 'file'>) => void): void;
}

/** What each scanner found in a version: scanner id -> key -> first site. */
export type CodeProfile = Map<string, Map<string, Site>>;

const decoder = new TextDecoder('utf-8', { fatal: false });
const MAX_MATCH = 160;

/** The code files of a version whose content was kept, decoded as UTF-8. */
export function codeTexts(version: PackageVersion): CodeText[] {
  const out: CodeText[] = [];
  for (const f of version.files) {
    if (f.type !== 'file' || !f.content || !isCodePath(f.path)) continue;
    out.push({ path: f.path, lines: decoder.decode(f.content).split('\n') });
  }
  return out;
}

/** Runs every scanner over every code file. Deterministic: files in path order, lines in order. */
export function profileCode(files: readonly CodeText[], scanners: readonly CodeScanner[]): CodeProfile {
  const profile: CodeProfile = new Map(scanners.map((s) => [s.id, new Map<string, Site>()]));
  for (const file of [...files].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))) {
    for (const scanner of scanners) {
      const found = profile.get(scanner.id)!;
      scanner.scan(file, (key, site) => {
        if (!found.has(key)) found.set(key, { file: file.path, line: site.line, match: shorten(site.match) });
      });
    }
  }
  return profile;
}

/** Keys the `after` profile has for a scanner that `before` does not, with their sites. */
export function newKeys(before: CodeProfile, after: CodeProfile, scannerId: string): Array<[string, Site]> {
  const old = before.get(scannerId) ?? new Map<string, Site>();
  return [...(after.get(scannerId) ?? new Map<string, Site>())].filter(([key]) => !old.has(key));
}

/** A line that is only a comment (JS, shell, Python): URLs and addresses there are documentation. */
export function isCommentLine(line: string): boolean {
  const t = line.trimStart();
  return t.startsWith('//') || t.startsWith('*') || t.startsWith('/*') || (t.startsWith('#') && !t.startsWith('#!'));
}

function shorten(s: string): string {
  return s.length > MAX_MATCH ? `${s.slice(0, MAX_MATCH)}…` : s;
}
