import type { Finding } from '../core/findings/finding.js';
import type { Severity } from '../core/findings/severity.js';
import { nameFindings } from '../core/names/confusable.js';
import { diffPackages, isCodePath, type PackageDiff, type PackageVersion } from '../core/package-diff/index.js';
import { renderCodeView } from '../core/package-diff/code-view.js';
import { registrySignals, type AdvisoryResult } from '../core/registry-signals/index.js';
import { buildReport, type Report } from '../core/report/report.js';
import { parsePackageSpec } from '../core/spec.js';
import type { AllowlistEntry } from '../core/workspace/allowlist-entry.js';
import { LOCK_SCHEMA_ID, type LockFile } from '../core/workspace/lock-file.js';
import { fetchAdvisories } from '../io/advisories.js';
import type { Workspace } from '../io/workspace.js';
import { TOOL_VERSION } from '../version.js';
import { fetchCandidate, type Candidate } from './fetch-candidate.js';
import type { Services } from './services.js';

/** Content kept for the code signals and the code view: files up to 4 MB, 64 MB per version. */
export const KEEP_FILE_BYTES = 4 * 1024 * 1024;
export const KEEP_TOTAL_BYTES = 64 * 1024 * 1024;

export type AdvisoryFetcher = (services: Services, name: string, versions: string[]) => Promise<AdvisoryResult>;

export const registryAdvisories: AdvisoryFetcher = (services, name, versions) =>
  fetchAdvisories(services.registry.options, services.registry.registryFor(name), { [name]: versions });

/** A keepContent callback with a per-version byte budget: memory stays bounded whatever the tarball. */
export function contentBudget(): (path: string, size: number) => boolean {
  let kept = 0;
  return (path, size) => {
    if (size > KEEP_FILE_BYTES || kept + size > KEEP_TOTAL_BYTES) return false;
    if (!isCodePath(path) && size > 256 * 1024 && !/\.(?:node|exe|dll|so|dylib)$|^[^.]*$/i.test(path)) return false;
    kept += size;
    return true;
  };
}

export function versionOf(c: Candidate, withLock: boolean): PackageVersion {
  const v: PackageVersion = {
    subject: c.subject,
    meta: c.meta,
    files: c.contents.files,
    unsafePaths: c.contents.unsafePaths,
  };
  if (withLock) v.lock = c.lock;
  return v;
}

export interface PackageDiffInput {
  before: string;
  after: string;
  failOn: Severity;
  /** resolve both dependency closures and report their changes (slower: runs the resolver) */
  closure?: boolean;
  /** render a bounded unified diff of the changed files */
  code?: boolean;
  allowSha1?: boolean;
  policy?: AllowlistEntry['policy'];
  advisories?: AdvisoryFetcher;
}

export interface PackageDiffResult {
  report: Report;
  diff: PackageDiff;
  /** the unified diff with findings anchored, when `code` was asked for (unescaped package text) */
  codeView?: string;
}

/** `mcp-vet diff <pkg>@<a> <pkg>@<b>`: both tarballs by integrity, compared; writes nothing. */
export async function diffPackageVersions(services: Services, input: PackageDiffInput): Promise<PackageDiffResult> {
  const a = parsePackageSpec(input.before);
  const b = parsePackageSpec(input.after);
  const noLock: Services = { ...services, resolveLock: async (name, version) => emptyLock(name, version) };
  const fetcher = input.closure ? services : noLock;
  const [before, after] = await Promise.all(
    [a, b].map((spec) =>
      fetchCandidate(fetcher, spec, { allowSha1: input.allowSha1 === true, keepContent: contentBudget() }),
    ),
  );
  const diff = diffPackages(versionOf(before!, input.closure === true), versionOf(after!, input.closure === true));
  const findings: Finding[] = [...before!.findings, ...after!.findings, ...diff.findings];
  if (before!.name === after!.name) {
    const advisories = await (input.advisories ?? registryAdvisories)(services, after!.name, [
      ...new Set([before!.version, after!.version]),
    ]);
    findings.push(
      ...registrySignals({
        name: after!.name,
        pinned: before!.version,
        candidate: after!.version,
        packument: after!.packument,
        now: services.now(),
        advisories,
        ...(input.policy ? { policy: input.policy } : {}),
      }),
    );
  }
  findings.push(...nameFindings(after!.name, [], after!.subject));
  const report = buildReport({
    command: 'diff',
    toolVersion: TOOL_VERSION,
    subjects: [
      { name: after!.name, from: before!.name === after!.name ? before!.version : before!.subject, to: after!.version },
    ],
    findings,
    failOn: input.failOn,
  });
  const result: PackageDiffResult = { report, diff };
  if (input.code) result.codeView = renderCodeView(diff.changes, diff.findings);
  return result;
}

/**
 * For verify: the package diff between the pinned version and a different candidate, the registry
 * signals and the name check. Closure changes are left to the caller (it compares with the pinned lock).
 */
export async function pinnedVersionFindings(
  services: Services,
  workspace: Workspace,
  pin: AllowlistEntry,
  candidate: Candidate,
  options: { advisories?: AdvisoryFetcher; names?: readonly string[] } = {},
): Promise<Finding[]> {
  const findings: Finding[] = [];
  // `names`: the allowlist as already read by the caller (drift reads it once for every pin).
  const names = options.names ?? (await workspace.listEntries()).map((e) => e.name);
  findings.push(...nameFindings(pin.name, names, candidate.subject));
  const advisories = await (options.advisories ?? registryAdvisories)(services, pin.name, [
    ...new Set([pin.version, candidate.version]),
  ]);
  findings.push(
    ...registrySignals({
      name: pin.name,
      pinned: pin.version,
      candidate: candidate.version,
      packument: candidate.packument,
      policy: pin.policy,
      now: services.now(),
      advisories,
    }),
  );
  if (candidate.version === pin.version || !candidate.packument.versions[pin.version]) return findings;
  const noLock: Services = { ...services, resolveLock: async (name, version) => emptyLock(name, version) };
  const pinned = await fetchCandidate(
    noLock,
    { name: pin.name, wanted: pin.version, kind: 'version' },
    { allowSha1: pin.integrity.startsWith('sha1-'), keepContent: contentBudget() },
  );
  const diff = diffPackages(versionOf(pinned, false), versionOf(candidate, false));
  findings.push(...diff.findings);
  return findings;
}

export function emptyLock(name: string, version: string): LockFile {
  return { $schema: LOCK_SCHEMA_ID, formatVersion: 1, root: { name, version }, packages: {} };
}

/** For add: the name check against the allowlist and well-known servers, and deprecation/age of the version. */
export async function addCandidateFindings(
  services: Services,
  workspace: Workspace,
  candidate: Candidate,
  policy: AllowlistEntry['policy'] | undefined,
): Promise<Finding[]> {
  const names = (await workspace.listEntries()).map((e) => e.name);
  return [
    ...nameFindings(candidate.name, names, candidate.subject),
    ...registrySignals({
      name: candidate.name,
      candidate: candidate.version,
      packument: candidate.packument,
      now: services.now(),
      ...(policy ? { policy } : {}),
    }),
  ];
}
