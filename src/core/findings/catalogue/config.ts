import type { CatalogueOf } from '../catalogue-entry.js';

/** config findings (`mcp-vet check`). Each code needs its title, default severity, explanation and remedy. */
export const configCatalogue = {
  'config/shadow-server': {
    title: 'MCP server not on the allowlist',
    severity: 'high',
    explanation:
      'A client config starts an npm package that has no entry in allowlist/: nobody reviewed it, and nothing pins its bytes, its provenance or its tool descriptions. Servers added outside review are how a malicious or typo-squatted package gets in.',
    remedy: 'Review the server and pin it with `mcp-vet add <pkg>@<version>`, or remove it from the config.',
  },
  'config/unpinned': {
    title: 'MCP server started without an exact version',
    severity: 'high',
    explanation:
      'The config starts the package with no version, a dist-tag (`@latest`) or a range, so every start may fetch a newer release than the one approved: the next publish, hostile or not, runs with the user’s credentials.',
    remedy:
      'Start the server through its pin: `"command": "npx", "args": ["-y", "mcp-vet", "run", "<pkg>"]` installs and starts exactly the pinned closure from a verified cache (`mcp-vet config rewrite FILE` rewrites a config so). At least write the pinned version (`npx -y <pkg>@<version>`); mcp-vet verify/approve moves the pin after review.',
  },
  'config/version-mismatch': {
    title: 'Configured version differs from the pin',
    severity: 'high',
    explanation:
      'The config starts another exact version than the one on the allowlist. That version was never reviewed: its bytes, provenance and tool descriptions may differ from what was approved.',
    remedy:
      'Start the pinned version, or verify and approve the configured one (`mcp-vet verify <pkg>@<v>`, then `mcp-vet approve`).',
  },
  'config/pin-verification-failed': {
    title: 'Pinned package fails re-verification',
    severity: 'critical',
    explanation:
      'The evidence stored for the pinned version no longer holds: the dependency lock or package metadata in snapshots/ does not match the pin, the stored attestations do not verify (or are missing while the pin says verified), or the registry now serves other bytes for the pinned integrity.',
    remedy:
      'Do not start the server. Find out what changed (git history of allowlist/ and snapshots/, the registry), then re-pin with `mcp-vet add` after review.',
  },
  'config/literal-secret': {
    title: 'Literal secret in a client config',
    severity: 'high',
    explanation:
      'A token, key or other credential is written as a value in `env`, `headers` or the URL of a server. Config files are committed, shared and read by every server and extension on the machine; a secret there leaks. The value is never shown by mcp-vet, only its first characters and length.',
    remedy:
      'Rotate the secret, then reference it from the environment (`${VAR}`, `${env:VAR}`, or `${input:…}` in VS Code) instead of writing it in the file.',
  },
  'config/insecure-url': {
    title: 'Remote MCP server over plain HTTP',
    severity: 'high',
    explanation:
      'The server is reached over http:// on a host that is not loopback: anyone on the path can read the credentials the client sends and rewrite the tool descriptions the model trusts.',
    remedy: 'Use https://, or run the server on localhost.',
  },
  'config/remote-not-allowlisted': {
    title: 'Remote MCP server not on the allowlist',
    severity: 'high',
    explanation:
      'A client config connects to a remote MCP server whose URL has no entry in allowlist/remote/. Its tools run with whatever the client sends it, and nobody approved it.',
    remedy:
      'Review the server and add allowlist/remote/<id>.json with its URL and the header names it may receive, or remove it from the config.',
  },
  'config/remote-header-not-allowlisted': {
    title: 'Header sent to a remote server that its entry does not list',
    severity: 'medium',
    explanation:
      'The config sends a header to an allowlisted remote server that the allowlist entry does not name. Headers usually carry credentials; a new one means a new secret goes to that server.',
    remedy: 'Add the header name to the entry’s `headers` after review, or remove it from the config.',
  },
  'config/unmanaged-server': {
    title: 'MCP server mcp-vet cannot verify',
    severity: 'medium',
    explanation:
      'The server is started by something other than an npm package runner (docker, uvx, python, a local script) or from a non-registry spec, so mcp-vet cannot pin or verify it. It is reported for review rather than blocked by default; use --fail-on medium to block such servers.',
    remedy: 'Prefer a server published on npm and pinned with mcp-vet, or review how this one is built and updated.',
  },
  'config/package-not-installed': {
    title: 'Server started from node_modules, but the package is not installed',
    severity: 'medium',
    explanation:
      'The config starts a package from node_modules that is not installed where the config is, so its version (and the pin it should match) cannot be checked. An install later will bring whatever version the project’s lockfile or the registry gives.',
    remedy:
      'Install the project’s dependencies before running the check, or start the pinned version with `npx -y <pkg>@<version>`.',
  },
} as const satisfies CatalogueOf<'config'>;
