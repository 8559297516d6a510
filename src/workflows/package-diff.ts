import { stageFindings, type StageFailure } from '../core/assess/stage.js';
import { isErrorCode, VetError } from '../core/errors.js';
import type { Finding } from '../core/findings/finding.js';
import type { Severity } from '../core/findings/severity.js';
import { nameFindings } from '../core/names/confusable.js';
import { closureFindings } from '../core/closure/findings.js';
import { diffLocks } from '../core/package/lock-diff.js';
import { diffPackages, type PackageDiff } from '../core/package-diff/index.js';
import { renderCodeView } from '../core/package-diff/code-view.js';
import { registrySignals } from '../core/registry-signals/index.js';
import { buildReport, type Report } from '../core/report/report.js';
import { parsePackageSpec } from '../core/spec.js';
import type { AllowlistEntry } from '../core/workspace/allowlist-entry.js';
import { weakIntegrityFindings } from '../core/assess/integrity.js';
import { TOOL_VERSION } from '../version.js';
import { directAdvisories, type AdvisoryFetcher } from './gather/advisories.js';
import { reviewClosure } from './gather/closure-review.js';
import { contentBudget } from './gather/content-budget.js';
import { runStage } from './gather/stage.js';
import { gatherVersion, type FetchedVersion } from './gather/fetch-version.js';
import type { Ports } from './ports.js';

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
export async function diffPackageVersions(ports: Ports, input: PackageDiffInput): Promise<PackageDiffResult> {
  const failures: StageFailure[] = [];
  const [before, after] = await Promise.all(
    [input.before, input.after].map(async (spec) => {
      const gathered = await gatherVersion(ports, await ports.registry.resolve(parsePackageSpec(spec)), {
        closure: input.closure === true,
        keepContent: contentBudget(),
      });
      failures.push(...gathered.failures);
      if (!gathered.fetched) throw fetchFailure(spec, gathered.bytesMismatch === true, gathered.failures);
      return { fetched: gathered.fetched, version: gathered.fetched.package, lock: gathered.lock };
    }),
  );
  const a: FetchedVersion = before!.fetched;
  const b: FetchedVersion = after!.fetched;
  const diff = diffPackages(before!.version, after!.version);
  const findings: Finding[] = [
    ...weakIntegrityFindings(a, input.allowSha1 === true),
    ...weakIntegrityFindings(b, input.allowSha1 === true),
    ...diff.findings,
  ];
  const [aLock, bLock] = [before!.lock, after!.lock];
  if (aLock && bLock) {
    // the package's own move is the diff itself, not a closure change
    const own = a.name === b.name ? `node_modules/${b.name}` : undefined;
    const changes = diffLocks(aLock, bLock).filter((c) => c.path !== own);
    const review = await runStage(ports, failures, 'closure', b.subject, () =>
      reviewClosure(ports, aLock, bLock, own ? { exclude: own } : {}),
    );
    findings.push(...closureFindings(b.subject, changes, review));
  }
  if (a.name === b.name) {
    const advisories = await (input.advisories ?? directAdvisories(ports))(b.name, [
      ...new Set([a.version, b.version]),
    ]);
    findings.push(
      ...registrySignals({
        name: b.name,
        pinned: a.version,
        candidate: b.version,
        packument: b.packument,
        now: ports.clock.now(),
        advisories,
        ...(input.policy ? { policy: input.policy } : {}),
      }),
    );
  }
  findings.push(...nameFindings(b.name, [], b.subject), ...stageFindings(failures));
  const report = buildReport({
    command: 'diff',
    toolVersion: TOOL_VERSION,
    subjects: [{ name: b.name, from: a.name === b.name ? a.version : a.subject, to: b.version }],
    findings,
    failOn: input.failOn,
  });
  const result: PackageDiffResult = { report, diff };
  if (input.code) result.codeView = renderCodeView(diff.changes, diff.findings);
  return result;
}

/** `diff` cannot compare a version it could not read: the fetch stage's own cause, as an error. */
function fetchFailure(spec: string, bytesMismatch: boolean, failures: readonly StageFailure[]): VetError {
  if (bytesMismatch)
    return new VetError('INTEGRITY_MISMATCH', `${spec}: the bytes served do not match the registry integrity`);
  const cause = failures.find((f) => f.stage === 'fetch');
  if (!cause) return new VetError('VERIFICATION_FAILED', `${spec}: the package could not be read`);
  return new VetError(isErrorCode(cause.code) ? cause.code : 'VERIFICATION_FAILED', cause.message);
}
