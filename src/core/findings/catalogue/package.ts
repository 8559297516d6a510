import type { CatalogueOf } from '../catalogue-entry.js';

/** Package-level findings: the bytes, metadata and dependency closure of a version. */
export const packageCatalogue = {
  'package/integrity-mismatch': {
    title: 'Tarball bytes do not match the pinned integrity',
    severity: 'critical',
    explanation: 'The registry, a mirror or a cache served bytes for this exact version that differ from the bytes that were approved. A version must never change once published.',
    remedy: 'Do not install. Find out which registry or cache served the bytes, and compare both tarballs before trusting either.',
  },
  'package/integrity-changed': {
    title: 'Registry reports a different integrity for the pinned version',
    severity: 'critical',
    explanation: "The registry's dist.integrity for this version is not the one recorded when it was approved: the version was republished or the registry is serving other metadata.",
    remedy: 'Do not install. Compare the registry entry with the pin and report the change to the registry and the maintainers.',
  },
  'package/weak-integrity': {
    title: 'Only a SHA-1 integrity is available',
    severity: 'high',
    explanation: 'The registry offers only a SHA-1 checksum for this version; SHA-1 collisions are practical, so the pin is weaker than a SHA-512 one.',
    remedy: 'Prefer a version published with a SHA-512 integrity. Keep --allow-sha1 for packages you cannot replace.',
  },
  'package/closure-package-added': {
    title: 'Dependency closure gained a package',
    severity: 'medium',
    explanation: 'Resolving the dependencies today installs a package that the pinned lock does not list. Code that was never reviewed would run with the server.',
    remedy: 'Review the new package. Install from the pinned lock, or approve the new closure with mcp-vet approve.',
  },
  'package/closure-package-removed': {
    title: 'Dependency closure lost a package',
    severity: 'low',
    explanation: 'Resolving the dependencies today no longer installs a package that the pinned lock lists.',
    remedy: 'Usually harmless; re-approve to record the new closure.',
  },
  'package/closure-version-changed': {
    title: 'A dependency resolves to another version',
    severity: 'medium',
    explanation: 'A transitive dependency resolves to a different version than the pinned lock records; this is how `npx -y pkg@1.2.3` runs different code even when the top level is pinned.',
    remedy: 'Review the dependency change. Install from the pinned lock, or re-approve after review.',
  },
  'package/closure-integrity-changed': {
    title: 'A dependency version has different bytes',
    severity: 'critical',
    explanation: 'The same name and version of a dependency now has a different integrity than the pinned lock records: a version was republished or a mirror serves other bytes.',
    remedy: 'Do not install. Compare both tarballs of that dependency before trusting either.',
  },
  'package/closure-source-changed': {
    title: 'A dependency comes from another source',
    severity: 'high',
    explanation: 'A dependency now resolves from a different kind of source (another registry, a git repository or a URL) than the pinned lock records.',
    remedy: 'Check why the dependency moved; a dependency pulled from an unexpected source is a common supply-chain attack.',
  },
} as const satisfies CatalogueOf<'package'>;
