/** The programmatic API: what the CLI does, as typed functions over data. */
export { VetError, type ErrorCode } from './core/errors.js';
export { canonicalJson, digestOf } from './core/canonical-json.js';
export { catalogue, allFindingCodes, type FindingCode } from './core/findings/catalogue/index.js';
export type { CatalogueEntry } from './core/findings/catalogue-entry.js';
export { finding, sortFindings, type Finding, type FindingLocation } from './core/findings/finding.js';
export { SEVERITIES, type Severity } from './core/findings/severity.js';
export { buildReport, exitCodeForReport, type Report, type Verdict } from './core/report/report.js';
export { renderers, type FormatName } from './core/report/renderers.js';
export { escapeForTerminal } from './core/text/escape.js';
export { parsePackageSpec, type PackageSpec } from './core/spec.js';
export { diffLocks, type LockChange } from './core/package/lock-diff.js';
export { reviewManifestChange, reviewWholeManifest, type ManifestReview } from './core/manifest-diff/review.js';
export { parseManifestInput } from './core/manifest-diff/input.js';
export type { ManifestView } from './core/manifest-diff/view.js';
export { poisonRules } from './core/poison/index.js';
export { AllowlistEntry } from './core/workspace/allowlist-entry.js';
export { LockFile } from './core/workspace/lock-file.js';
export { PackageMeta } from './core/workspace/package-meta.js';
export { loadNpmConfig, type NpmOptions } from './io/npm-config.js';
export { createRegistryClient, type RegistryClient } from './io/registry.js';
export { resolveLock } from './io/lock-resolver.js';
export { Workspace } from './io/workspace.js';
export { addServer, type AddInput, type AddResult } from './workflows/add.js';
export { verifyServer, type VerifyInput } from './workflows/verify.js';
export type { Ports, ProgressPort } from './workflows/ports.js';
export { makePorts, type PortOptions } from './cli/make-ports.js';
export { verifyOffline, type OfflineVerifyInput } from './workflows/verify-offline.js';
export {
  provenanceStep,
  verifyAttestations,
  type ProvenanceOptions,
  type ProvenanceOutcome,
} from './workflows/provenance-step.js';
export { loadProvenanceTrust, type ProvenanceTrust } from './io/provenance/trust-material.js';
