import type { CatalogueOf } from '../catalogue-entry.js';

/** Package-level findings: the bytes, metadata and dependency closure of a version. */
export const packageCatalogue = {
  'package/integrity-mismatch': {
    title: 'Tarball bytes do not match the pinned integrity',
    severity: 'critical',
    explanation:
      'The registry, a mirror or a cache served bytes for this exact version that differ from the bytes that were approved. A version must never change once published.',
    remedy:
      'Do not install. Find out which registry or cache served the bytes, and compare both tarballs before trusting either.',
  },
  'package/integrity-changed': {
    title: 'Registry reports a different integrity for the pinned version',
    severity: 'critical',
    explanation:
      "The registry's dist.integrity for this version is not the one recorded when it was approved: the version was republished or the registry is serving other metadata.",
    remedy:
      'Do not install. Compare the registry entry with the pin and report the change to the registry and the maintainers.',
  },
  'package/weak-integrity': {
    title: 'Only a SHA-1 integrity is available',
    severity: 'high',
    explanation:
      'The registry offers only a SHA-1 checksum for this version; SHA-1 collisions are practical, so the pin is weaker than a SHA-512 one.',
    remedy: 'Prefer a version published with a SHA-512 integrity. Keep --allow-sha1 for packages you cannot replace.',
  },
  'package/closure-package-added': {
    title: 'Dependency closure gained a package',
    severity: 'medium',
    explanation:
      'Resolving the dependencies today installs a package that the pinned lock does not list. Its tarball is fetched and reviewed on its own (install scripts, obfuscation, native binaries, endpoints with dangerous APIs): when it holds none of these the finding is info once the release is two days old and low before; medium means its content could not be reviewed. A package that does hold one is package/closure-dependency-hostile or -notable instead.',
    remedy:
      'Nothing to do for a clean package; approve the new closure with mcp-vet approve. Review an unreviewed one.',
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
    explanation:
      'A transitive dependency resolves to a different version than the pinned lock records; this is how `npx -y pkg@1.2.3` runs different code even when the top level is pinned. Both versions are fetched and diffed with the package signals the server itself gets: a change that holds none of the hostile or notable ones is info once the release is two days old and low before; medium means its content could not be reviewed.',
    remedy:
      'Nothing to do for a clean release; re-approve to record the new closure. Review an unreviewed one with `mcp-vet diff <dep>@<a> <dep>@<b> --code`.',
  },
  'package/closure-integrity-changed': {
    title: 'A dependency version has different bytes',
    severity: 'critical',
    explanation:
      'The same name and version of a dependency now has a different integrity than the pinned lock records: a version was republished or a mirror serves other bytes.',
    remedy: 'Do not install. Compare both tarballs of that dependency before trusting either.',
  },
  'package/closure-tree-changed': {
    title: 'The installed closure has other files than the approved one',
    severity: 'high',
    explanation:
      "Installing the pinned lock again gives a tree (paths, file types, file contents, link targets; npm's own lockfiles left out) whose digest is not the one recorded when the pin was snapshotted, although every tarball matched its locked integrity. The installer, a registry or mirror, or the pin's recorded digest changed. `mcp-vet run` refuses to start a closure with another digest.",
    remedy:
      'Find out what differs (install the lock twice and compare the trees); re-approve only once the difference is explained. An edited pin is restored from version control.',
  },
  'package/closure-source-changed': {
    title: 'A dependency comes from another source',
    severity: 'high',
    explanation:
      'A dependency now resolves from a different kind of source (another registry, a git repository or a URL) than the pinned lock records.',
    remedy:
      'Check why the dependency moved; a dependency pulled from an unexpected source is a common supply-chain attack.',
  },
  'package/closure-dependency-hostile': {
    title: 'A changed dependency adds what attacks use',
    severity: 'critical',
    explanation:
      'A package of the dependency closure that is new or at another version adds an install script, obfuscated code, a native binary, unsafe tarball entries, a download handed to a shell, code fetched and run, writes to sensitive home files, or a new hard-coded endpoint together with a new child process, eval or vm. The worst npm compromises were such releases of popular transitive dependencies, found within hours: critical while the release is under a week old (or its age is unknown), high after. The signals are in the evidence.',
    remedy:
      'Do not approve. Read the signals and the change (`mcp-vet diff <dep>@<a> <dep>@<b> --code`); keep installing from the pinned lock until the release is explained.',
  },
  'package/closure-dependency-notable': {
    title: 'A changed dependency adds something worth a look',
    severity: 'medium',
    explanation:
      'A package of the dependency closure that is new or at another version adds a dangerous API, a hard-coded endpoint or minified code (on a new package: only a dangerous combination in a bundle), a long encoded string, or changed maintainers, publisher, repository or author; or holds a hostile signal only in files that do not run in production (tests, fixtures, examples, TypeScript sources, which Node does not run from node_modules). Medium while the release is under a week old (or its age is unknown), low after.',
    remedy: 'Read the signals in the evidence and check them against the release notes of that dependency.',
  },
  'package/closure-bytes-refused': {
    title: 'A dependency was served with other bytes',
    severity: 'critical',
    explanation:
      'The tarball served for a changed package of the dependency closure does not match the integrity the lock records for it: the registry, a mirror or a cache serves other bytes than it announces.',
    remedy: 'Do not install. Find out which registry or cache served the bytes.',
  },
  'package/closure-review-capped': {
    title: 'Too many changed dependencies to review',
    severity: 'medium',
    explanation:
      'More packages of the dependency closure changed than one run reviews by content (the cap bounds the downloads); the ones over the cap are reported unreviewed, at medium.',
    remedy:
      'Review the closure change in smaller steps (an intermediate version), or review the unreviewed packages yourself.',
  },
  // Between two versions (src/core/package-diff)
  'package/install-script-added': {
    title: 'Install script added',
    severity: 'high',
    explanation:
      "The new version runs a command at install time (preinstall, install, postinstall, prepare, or node-gyp for a binding.gyp) that the approved version did not run (on a first pin: any install script). `prepare` only runs for git or folder installs, never for a registry tarball, so a `prepare` script added or changed is informational. Install scripts run with the user's rights before any tool is listed; most malicious packages use one.",
    remedy: 'Read the script and everything it runs. Install with scripts disabled, or do not approve the version.',
  },
  'package/install-script-changed': {
    title: 'Install script changed',
    severity: 'high',
    explanation: 'An install-time command that the approved version ran is now different.',
    remedy: 'Read the new command and everything it runs before approving.',
  },
  'package/dependency-added': {
    title: 'Dependency added',
    severity: 'medium',
    explanation:
      'The new version depends on a package that the approved version did not; its code will run with the server.',
    remedy:
      'Check that the new dependency is expected (release notes, source repository) and is the package it claims to be.',
  },
  'package/dependency-removed': {
    title: 'Dependency removed',
    severity: 'info',
    explanation: 'The new version no longer depends on a package that the approved version did.',
    remedy: 'Usually harmless.',
  },
  'package/dependency-range-changed': {
    title: 'Dependency range changed',
    severity: 'low',
    explanation:
      'A direct dependency accepts other versions than before. A range moved to a git URL, a tarball URL or another registry is high.',
    remedy: 'Check the new range; the dependency closure findings show what it resolves to.',
  },
  'package/bin-changed': {
    title: 'Executables changed',
    severity: 'medium',
    explanation:
      'The commands the package installs (bin) were added, removed or point at other files. MCP clients start servers through these.',
    remedy: 'Check that the command an MCP client starts still runs the reviewed entry point.',
  },
  'package/file-added': {
    title: 'File added',
    severity: 'info',
    explanation: 'The new version ships a file that the approved version did not.',
    remedy: 'Review new code files with `mcp-vet diff <pkg>@<a> <pkg>@<b> --code`.',
  },
  'package/code-changed': {
    title: 'Code changed',
    severity: 'info',
    explanation:
      'Code files differ between the two versions. This is what every release does; the other findings say whether the change looks like an attack.',
    remedy: 'Review the change with `mcp-vet diff <pkg>@<a> <pkg>@<b> --code`.',
  },
  'package/native-binary-added': {
    title: 'Native binary added',
    severity: 'high',
    explanation:
      'The new version (or, on a first pin, the version) ships a compiled binary (a .node addon, ELF, Mach-O or PE executable) that cannot be reviewed as source and runs outside any JavaScript sandbox.',
    remedy:
      'Find out why a binary was added and where it was built; prefer versions whose binaries are built by provenance-attested CI.',
  },
  'package/minified-code-added': {
    title: 'Minified code added',
    severity: 'medium',
    explanation:
      'The new version adds JavaScript with very long lines where the approved version shipped none (on a first pin: the version ships some, reported as low); minified code hides what it does from review.',
    remedy: 'Review the code from its source repository and compare it with what is shipped.',
  },
  'package/obfuscated-code-added': {
    title: 'Obfuscated code added',
    severity: 'high',
    explanation:
      'The new version (or, on a first pin, the version) has packed eval, obfuscator-style identifiers, long runs of escapes or high-entropy strings: the usual ways to hide a payload from review.',
    remedy: 'Do not approve until the encoded content has been decoded and reviewed.',
  },
  'package/new-network-endpoint': {
    title: 'New hard-coded URL or host in code',
    severity: 'medium',
    explanation:
      'Code in the new version names a URL or host that no code in the approved version named: a place to send data to or load code from. On a first pin the hosts the code names are listed (informational).',
    remedy: 'Check that the endpoint belongs to the service the server is for.',
  },
  'package/new-ip-address': {
    title: 'New hard-coded IP address in code',
    severity: 'high',
    explanation:
      'Code in the new version names an IP address that the approved version did not. Legitimate services are reached by name; raw addresses are typical of exfiltration and command-and-control.',
    remedy: 'Find out what the address is and why the code talks to it.',
  },
  'package/new-email-address': {
    title: 'New hard-coded e-mail address in code',
    severity: 'high',
    explanation:
      'Code in the new version names an e-mail address that the approved version did not. A hard-coded BCC address is exactly how the postmark-mcp rug pull copied every message to an outsider.',
    remedy: 'Find where the address is used; an address added to outgoing mail or requests is an attack.',
  },
  'package/dangerous-api-added': {
    title: 'Dangerous API newly used',
    severity: 'high',
    explanation:
      "The new version uses an API that the approved version did not (on a first pin: that the version uses, weighted lower since using an API is no news): child processes, eval or new Function, the vm module, code fetched and evaluated at run time, a download handed to a shell or interpreter (`curl … | sh`, always critical), or writes to shell profiles, SSH keys or MCP client configurations in the user's home.",
    remedy: 'Read the code at the location given and decide whether the server needs this power.',
  },
  'package/size-jump': {
    title: 'Package size jumped',
    severity: 'low',
    explanation:
      'The unpacked size grew far more than a normal release does, which can mean bundled dependencies, binaries or payloads.',
    remedy: 'Look at the added and changed files to see where the size comes from.',
  },
  'package/repository-changed': {
    title: 'Repository changed',
    severity: 'high',
    explanation:
      'package.json points at another source repository than the approved version: the package may have changed hands or be published from a fork.',
    remedy: 'Confirm the move with the maintainers before approving.',
  },
  'package/homepage-changed': {
    title: 'Homepage changed',
    severity: 'low',
    explanation: 'package.json names another homepage than the approved version.',
    remedy: 'Usually harmless; check together with repository and author changes.',
  },
  'package/author-changed': {
    title: 'Author changed',
    severity: 'medium',
    explanation:
      'package.json names another author than the approved version; packages that change hands are a common route for rug pulls.',
    remedy: 'Check who publishes the package now.',
  },
  'package/unsafe-tarball-entry': {
    title: 'Tarball has unsafe entries',
    severity: 'critical',
    explanation:
      'The tarball holds entries with absolute paths, `..` segments, symbolic or hard links, devices or FIFOs, which try to write or point outside the package directory when unpacked. npm refuses some of them; other tools may not. The entries are recorded in the package evidence, so the finding shows every time the pin is checked.',
    remedy: 'Do not install. A registry tarball has no reason to contain such entries.',
  },
  // Registry metadata (src/core/registry-signals)
  'package/release-too-young': {
    title: 'Release younger than the policy allows',
    severity: 'high',
    explanation:
      "The version was published more recently than the policy's minReleaseAgeDays (set with add --min-release-age). Most malicious releases are found and removed within days, so a pin that asks for an age refuses a younger release: high, which the default --fail-on blocks. The age is computed from the registry's `time` field as served; a mirror that rewrites it shows its own date.",
    remedy:
      'Wait until the release is old enough and run the command again, or review it and approve it anyway with --force --note TEXT.',
  },
  'package/version-deprecated': {
    title: 'Version deprecated',
    severity: 'medium',
    explanation:
      'The registry marks this version as deprecated; maintainers deprecate versions that are broken or compromised.',
    remedy: 'Read the deprecation message and prefer a version that is not deprecated.',
  },
  'package/pinned-version-unpublished': {
    title: 'Pinned version unpublished',
    severity: 'high',
    explanation:
      'The approved version is no longer in the registry: it was unpublished or removed for malware. Installs from a clean cache will fail or resolve to something else.',
    remedy: 'Find out why the version was removed; move the pin to a reviewed version.',
  },
  'package/latest-moved-backwards': {
    title: 'latest moved backwards',
    severity: 'medium',
    explanation:
      "The registry's `latest` tag points at a version older than the one approved: a release was pulled, or someone moved the tag.",
    remedy: 'Check why the newer release was withdrawn before using it.',
  },
  'package/downgrade': {
    title: 'Pin moved to an older version',
    severity: 'high',
    explanation:
      'The version to approve, or to add over an existing pin, is lower than the pinned one. Going back can restore a vulnerability the newer release fixed, or an older release that was compromised; a downgrade asked for by mistake or by a tampered script looks like any other approve. With --allow-downgrade it is info.',
    remedy:
      'Approve the newer version instead; if going back is intended (the newer release is broken or withdrawn), pass --allow-downgrade.',
  },
  'package/maintainers-changed': {
    title: 'Maintainers changed',
    severity: 'medium',
    explanation:
      'The set of accounts that may publish the package differs between the approved version and the candidate. A new maintainer is how several packages were taken over.',
    remedy: 'Check who was added and whether the project announced it.',
  },
  'package/publisher-changed': {
    title: 'Published by another account',
    severity: 'medium',
    explanation: 'The candidate was published by another npm account (_npmUser) than the approved version.',
    remedy: 'Check that the account belongs to the project.',
  },
  'package/maintainers-unavailable': {
    title: 'Registry serves no maintainer data',
    severity: 'info',
    explanation:
      'The registry (or mirror) does not serve maintainers or _npmUser, so a change of owner cannot be seen. This is not a pass.',
    remedy: 'Run the check against a registry that serves full metadata (--registry) when ownership matters.',
  },
  'package/known-advisory': {
    title: 'Known security advisory',
    severity: 'high',
    explanation: "The registry's advisory database lists a vulnerability that affects this version.",
    remedy: 'Read the advisory and move to a version outside its vulnerable range.',
  },
  'package/advisories-unavailable': {
    title: 'Registry serves no advisories',
    severity: 'low',
    explanation:
      'The registry (or mirror) does not answer the bulk advisory endpoint, so known vulnerabilities could not be checked. This is not a pass.',
    remedy: 'Run the check against a registry that serves advisories (--registry) or check advisories another way.',
  },
  // Names (src/core/names)
  'package/name-confusable': {
    title: 'Name confusable with a known server',
    severity: 'critical',
    explanation:
      'The package name looks like an approved or well-known MCP server but is not it: a homoglyph, a swapped or dropped scope, dashes for underscores, or Unicode look-alikes. Typosquats run their install script before any tool is listed.',
    remedy: 'Check the exact name. Install the genuine package instead.',
  },
  'package/update-available': {
    title: 'A newer version is available within policy',
    severity: 'info',
    explanation:
      'The registry has a version newer than the pin that policy.updates allows. It was verified in the same run; its findings are listed under its own version.',
    remedy: 'Review its findings and approve it with mcp-vet approve, or leave the pin where it is.',
  },
  'package/update-outside-policy': {
    title: 'A newer version exists outside the update policy',
    severity: 'info',
    explanation: "The newest published version is outside the pin's policy.updates range, so drift does not verify it.",
    remedy: 'Widen policy.updates in the allowlist entry to consider it, after reading its changelog.',
  },
} as const satisfies CatalogueOf<'package'>;
