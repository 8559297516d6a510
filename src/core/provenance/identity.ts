/** The CI identity a package was built from, as read from a Fulcio signing certificate. */
export interface SignerIdentity {
  issuer?: string;
  /** source repository URL, e.g. https://github.com/owner/repo */
  repository?: string;
  repositoryId?: string;
  ownerId?: string;
  /** workflow file path inside the repository, e.g. .github/workflows/release.yml */
  workflow?: string;
  ref?: string;
  commit?: string;
  /** github-hosted | self-hosted (absent in certificates from before 2023-11) */
  runner?: string;
}

export const IDENTITY_FIELDS = [
  'issuer',
  'repository',
  'repositoryId',
  'ownerId',
  'workflow',
  'ref',
  'commit',
  'runner',
] as const;
export type IdentityField = (typeof IDENTITY_FIELDS)[number];

/** Repository URLs compare without `git+`, `.git`, a trailing slash or case. */
export function normalizeRepositoryUrl(url: string): string {
  let u = url.trim().replace(/^git\+/, '');
  u = u
    .replace(/^git:\/\//, 'https://')
    .replace(/^ssh:\/\/git@/, 'https://')
    .replace(/^git@([^:/]+):/, 'https://$1/');
  u = u.replace(/\/+$/, '').replace(/\.git$/, '');
  return u.toLowerCase();
}

/** One-line summary of an identity for messages. */
export function describeIdentity(id: SignerIdentity): string {
  const parts = [id.repository ?? 'unknown repository'];
  if (id.workflow) parts.push(`${id.workflow}${id.ref ? `@${id.ref}` : ''}`);
  else if (id.ref) parts.push(id.ref);
  if (id.commit) parts.push(`commit ${id.commit.slice(0, 12)}`);
  if (id.runner) parts.push(id.runner);
  return parts.join(', ');
}

/** Only the fields that are set, in a fixed order. */
export function compactIdentity(id: SignerIdentity): SignerIdentity {
  const out: SignerIdentity = {};
  for (const f of IDENTITY_FIELDS) if (id[f] !== undefined && id[f] !== '') out[f] = id[f];
  return out;
}
