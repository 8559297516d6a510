/**
 * The repository URL in a package.json `repository` field, as https://host/owner/repo; undefined
 * when there is none or it cannot be read. Handles `github:o/r`, `o/r`, git+https, git://, git@…:.
 */
export function packageRepositoryUrl(repository: unknown): string | undefined {
  const raw =
    typeof repository === 'string'
      ? repository
      : typeof repository === 'object' && repository !== null
        ? (repository as { url?: unknown }).url
        : undefined;
  if (typeof raw !== 'string' || raw.trim() === '') return undefined;
  const s = raw.trim();
  const shortcut = /^(github|gitlab|bitbucket):([^/\s]+\/[^/\s]+)$/.exec(s);
  if (shortcut)
    return `https://${shortcut[1]}.${shortcut[1] === 'bitbucket' ? 'org' : 'com'}/${shortcut[2]!.replace(/\.git$/, '')}`;
  if (/^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/.test(s)) return `https://github.com/${s.replace(/\.git$/, '')}`;
  let u = s
    .replace(/^git\+/, '')
    .replace(/^git:\/\//, 'https://')
    .replace(/^ssh:\/\/git@/, 'https://')
    .replace(/^git@([^:/]+):/, 'https://$1/');
  u = u
    .replace(/#.*$/, '')
    .replace(/\/+$/, '')
    .replace(/\.git$/, '');
  const m = /^https?:\/\/([^/]+)\/([^/]+)\/([^/]+)/.exec(u);
  return m ? `https://${m[1]}/${m[2]}/${m[3]}` : undefined;
}
