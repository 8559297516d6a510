/** The package URL npm puts in attestation subjects: `pkg:npm/%40scope/name@1.2.3`. */
export function npmPurl(name: string, version: string): string {
  return `pkg:npm/${name.replace(/^@/, '%40')}@${version}`;
}

/** Parses `pkg:npm/<name>@<version>` (percent-decoded); null when it is not an npm PURL. */
export function parseNpmPurl(purl: string): { name: string; version: string } | null {
  if (!purl.startsWith('pkg:npm/')) return null;
  let rest: string;
  try {
    rest = decodeURIComponent(purl.slice('pkg:npm/'.length).split(/[?#]/)[0] ?? '');
  } catch {
    return null;
  }
  const at = rest.lastIndexOf('@');
  if (at <= 0) return null;
  return { name: rest.slice(0, at), version: rest.slice(at + 1) };
}
