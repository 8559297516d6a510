import type { CatalogueOf } from '../catalogue-entry.js';

/** provenance findings. Each code needs its title, default severity, explanation and remedy. */
export const provenanceCatalogue = {
  'provenance/verified': {
    title: 'Signed provenance verified',
    severity: 'info',
    explanation:
      'Every attestation verified offline against the Sigstore trusted root and the npm keys, and its subject is this exact tarball. The evidence names the identity the package was built from.',
    remedy: 'Nothing to do; the identity is pinned and compared on every update.',
  },
  'provenance/invalid-bundle': {
    title: 'Attestation bundle or signature does not verify',
    severity: 'critical',
    explanation:
      'A Sigstore bundle served for this version failed verification (certificate chain, transparency-log entry, inclusion proof or promise, or the DSSE signature), or is not a readable bundle. Attestations that do not verify are what a forged or altered attestation looks like.',
    remedy:
      'Do not install. Compare the attestations with the ones from the public registry (--provenance-registry) and report the version to its maintainers.',
  },
  'provenance/invalid-signature': {
    title: 'Registry signature does not verify',
    severity: 'critical',
    explanation:
      "The registry's ECDSA signature over name@version:integrity (dist.signatures) does not verify with the npm registry key it names, or the key had expired when the version was published: the metadata was altered after the registry signed it.",
    remedy:
      'Do not install. Fetch the packument from the public registry and compare its integrity and signatures with what your registry or mirror serves.',
  },
  'provenance/subject-mismatch': {
    title: 'Attestation is about another package or other bytes',
    severity: 'critical',
    explanation:
      'The statement subject (package URL and sha512) does not name this package, this version or this tarball. A valid attestation of something else proves nothing about these bytes.',
    remedy: 'Do not install. The attestation was copied from another package or version, or the tarball was replaced.',
  },
  'provenance/predicate-mismatch': {
    title: 'SLSA provenance disagrees with its signing certificate',
    severity: 'critical',
    explanation:
      'The provenance predicate claims a repository, workflow, ref, commit or ID that the Fulcio certificate (the part issued from the CI identity token) does not carry. The certificate is authoritative; a predicate that contradicts it was written to mislead.',
    remedy: 'Do not install. Trust the identity in the certificate, and report the package to its maintainers.',
  },
  'provenance/unknown-predicate-type': {
    title: 'Attestation with an unknown predicate type',
    severity: 'low',
    explanation:
      'An attestation verified, but its predicate type is neither SLSA provenance (v0.2, v1) nor the npm publish attestation, so mcp-vet cannot read what it claims.',
    remedy: 'Usually harmless. Check what the attestation claims with the tool that produced it.',
  },
  'provenance/dropped': {
    title: 'Provenance dropped',
    severity: 'critical',
    explanation:
      'The pinned version was published with signed build provenance; this version has none, according to the registry. A release built outside the approved CI pipeline (for example from a stolen token) looks exactly like this.',
    remedy: 'Do not upgrade until the maintainers explain why the release was published without provenance.',
  },
  'provenance/identity-changed': {
    title: 'Signer identity differs from the pin',
    severity: 'critical',
    explanation:
      'The certificate identity of the build (issuer, source repository or its ID, owner ID, workflow, ref kind or runner) is not the one pinned when the server was approved, or not the one required with --expect-*. The version was built somewhere else.',
    remedy:
      'Do not upgrade until the change is explained (a repository transfer or a renamed workflow), then approve it explicitly.',
  },
  'provenance/self-hosted-runner': {
    title: 'Built on a self-hosted runner',
    severity: 'medium',
    explanation:
      'The certificate says the build ran on a self-hosted runner: the build machine is controlled by the publisher, not by the CI provider, so the provenance says less about what ran.',
    remedy:
      'Accept it if you trust the publisher’s build infrastructure; pin --expect-runner to be told if it changes.',
  },
  'provenance/required-missing': {
    title: 'No provenance while the policy requires it',
    severity: 'high',
    explanation:
      'The allowlist policy (requireProvenance) requires signed build provenance, and the registry says this version has none.',
    remedy: 'Stay on a version with provenance, or change the policy after review.',
  },
  'provenance/unavailable': {
    title: 'Provenance unavailable from this registry',
    severity: 'medium',
    explanation:
      'The registry or mirror serves no attestations for this version, so mcp-vet cannot tell whether it has provenance. This is neither a pass nor proof that provenance is absent.',
    remedy:
      'Point --provenance-registry at a registry that serves attestations (mirrors often strip them), or verify with --attestations FILE.',
  },
  'provenance/repository-mismatch': {
    title: 'package.json repository differs from the provenance repository',
    severity: 'medium',
    explanation:
      'The repository named in package.json is not the repository the signed provenance says the package was built from. Users reviewing the named repository would be reviewing other code.',
    remedy:
      'Review the repository named in the provenance, not the one in package.json, and ask the maintainers to fix the metadata.',
  },
} as const satisfies CatalogueOf<'provenance'>;
