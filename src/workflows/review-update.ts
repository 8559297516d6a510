import { bytesRefusedFindings, weakIntegrityFindings } from '../core/assess/integrity.js';
import type { PinnedEvidence } from '../core/assess/pinned-evidence.js';
import { stageFindings, type StageFailure } from '../core/assess/stage.js';
import { assessUpdate } from '../core/assess/update.js';
import { wholeManifestFindings } from '../core/assess/whole-manifest.js';
import type { PackageVersion } from '../core/package-diff/index.js';
import { formatSpec } from '../core/spec.js';
import { directAdvisories } from './gather/advisories.js';
import { contentBudget } from './gather/content-budget.js';
import { reviewClosure } from './gather/closure-review.js';
import { gatherVersion } from './gather/fetch-version.js';
import { runStage } from './gather/stage.js';
import { checkFacts } from './check-facts.js';
import type { Ports } from './ports.js';
import { approvableAgainstPin, provenanceAgainstPin, startAgainstPin } from './review-against-pin.js';
import type { Review, ReviewOptions } from './review-options.js';
import { inStep } from './progress-step.js';

/**
 * Another version than the pin, next to it: the candidate fetched and resolved, the package diff
 * against the pinned version (`pinnedPackage`: fetched once per pin by the caller, or here), the
 * content review of the closure's changed packages, registry signals, provenance compared with
 * the pinned identity, a sandboxed start, its manifest diff against the stored one and its
 * behaviour against the stored record. Every stage runs; one that fails is a finding.
 */
export async function reviewUpdate(
  ports: Ports,
  pinned: PinnedEvidence,
  version: string,
  options: ReviewOptions = {},
  pinnedPackage?: PackageVersion,
): Promise<Review> {
  const pin = pinned.pin;
  const subject = formatSpec(pin.name, version);
  const failures: StageFailure[] = [];
  const review: Review = { subject, from: pin.version, to: version, findings: [], facts: { version: '' } };
  // 1. The candidate: registry metadata, bytes, contents, closure.
  const resolved = await inStep(ports, `${subject}: registry metadata`, () =>
    ports.registry.resolve({ name: pin.name, wanted: version, kind: 'version' }),
  );
  const gathered = await gatherVersion(ports, resolved, {
    fresh: true,
    keepContent: contentBudget(),
    ...(pinned.lock ? { lockHint: pinned.lock } : {}),
  });
  failures.push(...gathered.failures);
  const fetched = gathered.fetched;
  // 2. The pinned version's package, to diff with (once per pin: drift hands in its own copy).
  const before =
    pinnedPackage ??
    (resolved.packument.versions[pin.version]
      ? await runStage(ports, failures, 'fetch', formatSpec(pin.name, pin.version), async () => {
          const pinnedResolved = { packument: resolved.packument, manifest: resolved.packument.versions[pin.version]! };
          const got = await gatherVersion(ports, pinnedResolved, {
            integrity: pin.integrity,
            closure: false,
            keepContent: contentBudget(),
          });
          failures.push(...got.failures);
          return got.fetched?.package;
        })
      : undefined);
  // 3. The closure's added and changed packages, read and judged while the rest runs.
  const closure =
    pinned.lock && gathered.lock
      ? runStage(ports, failures, 'closure', subject, () =>
          reviewClosure(ports, pinned.lock!, gathered.lock!, { exclude: `node_modules/${pin.name}` }),
        )
      : Promise.resolve(undefined);
  const advisories = await (options.advisories ?? directAdvisories(ports))(pin.name, [
    ...new Set([pin.version, version]),
  ]);
  const allowlisted = options.allowlisted ?? (await ports.workspace.listEntries()).map((e) => e.name);
  // 4. Provenance, compared with the pinned identity.
  const provenance = await provenanceAgainstPin(ports, failures, subject, pinned, fetched, options);
  // 5. A sandboxed start of the candidate's closure.
  const { started, after, baseline } = await startAgainstPin(
    ports,
    failures,
    subject,
    pinned,
    fetched,
    gathered.lock,
    options,
  );
  const snapshot = started?.snapshot;
  review.facts = checkFacts(version, {
    fetched,
    bytesMismatch: gathered.bytesMismatch,
    lock: gathered.lock,
    provenance,
    snapshot,
    manifestCompared: Boolean(baseline && after),
  });
  const closureReview = await closure;
  // 6. Assess.
  review.findings.push(
    ...assessUpdate({
      name: pin.name,
      pinnedVersion: pin.version,
      version,
      ...(before ? { pinned: before } : {}),
      ...(fetched ? { candidate: fetched.package } : {}),
      ...(pinned.lock ? { pinnedLock: pinned.lock } : {}),
      ...(gathered.lock ? { candidateLock: gathered.lock } : {}),
      ...(closureReview ? { closure: closureReview } : {}),
      registry: { packument: resolved.packument, now: ports.clock.now(), policy: pin.policy, advisories },
      allowlisted,
      ...(baseline && after ? { manifests: { before: baseline, after } } : {}),
      ...(started?.behaviour
        ? { behaviour: { candidate: started.behaviour, ...(pinned.behaviour ? { pinned: pinned.behaviour } : {}) } }
        : {}),
    }),
    ...(fetched ? weakIntegrityFindings(fetched, options.allowSha1 === true) : []),
    ...(gathered.bytesMismatch ? bytesRefusedFindings(subject, pin.name) : []),
    ...(after && !baseline ? wholeManifestFindings(after, subject) : []),
    ...(provenance?.findings ?? []),
    ...(started?.findings ?? []),
    ...stageFindings(failures),
  );
  const approvable = approvableAgainstPin(pinned, fetched, gathered.lock, provenance, started, options);
  if (approvable) review.approvable = approvable;
  return review;
}
