/** What is known about a version when no attestation document was obtained. */
export interface MissingAttestationsEvidence {
  /** dist.attestations is set on this version in the packument */
  versionAdvertises: boolean;
  /** dist.attestations is set on another version of the same package in the same packument */
  otherVersionsAdvertise: boolean;
}

/**
 * Decides between `absent` and `unavailable` when the attestations endpoint gave nothing (404).
 *
 * - The packument says this version has attestations but the endpoint does not serve them: the
 *   registry (a mirror) strips them -> `unavailable`.
 * - The packument carries dist.attestations for other versions (so it does not strip that field)
 *   and not for this one: the registry itself says this version has none -> `absent`.
 * - No version advertises attestations: a package that never used provenance and a mirror that
 *   strips the field look the same, so mcp-vet cannot tell -> `unavailable`, never `absent`.
 */
export function statusWithoutAttestations(e: MissingAttestationsEvidence): 'absent' | 'unavailable' {
  if (e.versionAdvertises) return 'unavailable';
  return e.otherVersionsAdvertise ? 'absent' : 'unavailable';
}
