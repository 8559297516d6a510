import { weakIntegrityFindings } from '../core/assess/integrity.js';
import { assessPinAgain } from '../core/assess/pin-again.js';
import type { PinnedEvidence } from '../core/assess/pinned-evidence.js';
import { settledRunFindings } from '../core/assess/settled-run.js';
import { stageFindings, type StageFailure } from '../core/assess/stage.js';
import { digestOf } from '../core/canonical-json.js';
import { formatSpec } from '../core/spec.js';
import { directAdvisories } from './gather/advisories.js';
import { contentBudget } from './gather/content-budget.js';
import { reviewClosure } from './gather/closure-review.js';
import { gatherVersion, type FetchedVersion } from './gather/fetch-version.js';
import { runStage } from './gather/stage.js';
import { checkFacts } from './check-facts.js';
import type { Ports } from './ports.js';
import { approvableAgainstPin, provenanceAgainstPin, startAgainstPin } from './review-against-pin.js';
import type { Review, ReviewOptions } from './review-options.js';
import { wholeManifestFindings } from '../core/assess/whole-manifest.js';

export interface PinAgainReview extends Review {
  /** the pinned version as fetched again (content kept), for the update diffs of the same run */
  fetched?: FetchedVersion;
}

/**
 * The pinned version checked again: what the registry says of it now, its bytes fetched again
 * against the pinned integrity, its closure against the stored lock (changed packages reviewed by
 * content), its provenance from the stored attestations, and a re-snapshot against the stored
 * manifest. Every stage runs.
 */
export async function reviewPinAgain(
  ports: Ports,
  pinned: PinnedEvidence,
  options: ReviewOptions = {},
): Promise<PinAgainReview> {
  const pin = pinned.pin;
  const subject = formatSpec(pin.name, pin.version);
  const failures: StageFailure[] = [];
  const review: PinAgainReview = { subject, from: pin.version, to: pin.version, findings: [], facts: { version: '' } };
  // 1. What the registry says of the pinned version (an unpublished pin ends there, with its finding).
  const packument = await runStage(ports, failures, 'fetch', subject, () => ports.registry.packument(pin.name));
  const published = packument?.versions[pin.version];
  const advisories = packument
    ? await (options.advisories ?? directAdvisories(ports))(pin.name, [pin.version])
    : undefined;
  // 2. The bytes again, against the pinned integrity; the closure resolved again.
  const gathered =
    packument && published
      ? await gatherVersion(
          ports,
          { packument, manifest: published },
          {
            integrity: pin.integrity,
            fresh: true,
            keepContent: contentBudget(),
            ...(pinned.lock ? { lockHint: pinned.lock } : {}),
          },
        )
      : { failures: [] };
  failures.push(...gathered.failures);
  const fetched = gathered.fetched;
  if (fetched) review.fetched = fetched;
  // 3. The closure's added and changed packages, read and judged while the rest runs.
  const closure =
    pinned.lock && gathered.lock
      ? runStage(ports, failures, 'closure', subject, () => reviewClosure(ports, pinned.lock!, gathered.lock!))
      : Promise.resolve(undefined);
  // 4. Provenance: the attestations stored when the pin was made verify it with no registry at all.
  const provenance = await provenanceAgainstPin(
    ports,
    failures,
    subject,
    pinned,
    fetched,
    options,
    pinned.attestations,
  );
  const sameClosure = Boolean(gathered.lock && digestOf('lock', 1, gathered.lock.packages) === pin.dependencies.digest);
  // 5. A sandboxed start of today's closure, compared with the stored manifest (one start when
  //    nothing but the clock could differ from the approved starts).
  const {
    started,
    after,
    baseline: before,
  } = await startAgainstPin(
    ports,
    failures,
    subject,
    pinned,
    fetched,
    gathered.lock,
    options,
    // the approved bytes (fetched checks the pinned integrity) and the approved closure
    Boolean(fetched && sameClosure),
  );
  const snapshot = started?.snapshot;
  review.facts = checkFacts(pin.version, {
    fetched,
    bytesMismatch: gathered.bytesMismatch,
    lock: gathered.lock,
    provenance,
    snapshot,
    manifestCompared: Boolean(before && after),
  });
  const closureReview = await closure;
  // The same closure installed again must be the same tree (a changed closure is judged above).
  const tree =
    pin.dependencies.tree && sameClosure && snapshot?.treeDigest
      ? { approved: pin.dependencies.tree, now: snapshot.treeDigest }
      : undefined;
  // 6. Assess.
  review.findings.push(
    ...assessPinAgain({
      pin,
      bytes: {
        ...(published?.dist.integrity ? { registryIntegrity: published.dist.integrity } : {}),
        ...(gathered.bytesMismatch ? { fetched: { outcome: 'mismatch' as const } } : {}),
      },
      ...(fetched ? { package: fetched.package } : {}),
      ...(pinned.lock ? { pinnedLock: pinned.lock } : {}),
      ...(gathered.lock ? { lockNow: gathered.lock } : {}),
      ...(closureReview ? { closure: closureReview } : {}),
      ...(tree ? { tree } : {}),
      ...(packument
        ? {
            registry: {
              packument,
              now: ports.clock.now(),
              policy: pin.policy,
              ...(advisories ? { advisories } : {}),
            },
          }
        : {}),
      ...(before && after ? { manifests: { before, after } } : {}),
    }),
    ...(fetched ? weakIntegrityFindings(fetched, options.allowSha1 === true || pin.integrity.startsWith('sha1-')) : []),
    ...(after && !before ? wholeManifestFindings(after, subject) : []),
    ...(provenance?.findings ?? []),
    ...settledRunFindings(started?.findings ?? [], pinned.manifest, snapshot?.manifest),
    ...stageFindings(failures),
  );
  const approvable = approvableAgainstPin(pinned, fetched, gathered.lock, provenance, started, options);
  if (approvable) review.approvable = approvable;
  return review;
}
