import type { PinnedEvidence } from '../core/assess/pinned-evidence.js';
import type { StageFailure } from '../core/assess/stage.js';
import { parseManifestInput } from '../core/manifest-diff/input.js';
import type { ManifestView } from '../core/manifest-diff/view.js';
import type { LockFile } from '../core/workspace/lock-file.js';
import type { FetchedVersion } from './gather/fetch-version.js';
import { runSnapshotStage, snapshotStage, type SnapshotStageOutcome } from './gather/snapshot.js';
import { runStage } from './gather/stage.js';
import { pinOf } from './pin-entry.js';
import type { Ports } from './ports.js';
import { candidateProvenance, type ProvenanceOutcome } from './provenance-step.js';
import type { Review, ReviewOptions } from './review-options.js';

/**
 * The steps a review of a version next to its pin shares, whether that version is the pinned one
 * checked again (review-pin-again) or another one (review-update): its provenance compared with
 * the pinned identity, a sandboxed start with the pin's launch next to the stored manifest, and
 * the pin it would write if approved.
 */

/** Provenance, compared with the pinned identity; `attestations`: the stored ones, needing no registry. */
export function provenanceAgainstPin(
  ports: Ports,
  failures: StageFailure[],
  subject: string,
  pinned: PinnedEvidence,
  fetched: FetchedVersion | undefined,
  options: ReviewOptions,
  attestations?: PinnedEvidence['attestations'],
): Promise<ProvenanceOutcome | undefined> {
  if (!fetched) return Promise.resolve(undefined);
  const pin = pinned.pin;
  return runStage(ports, failures, 'provenance', subject, () =>
    candidateProvenance(ports, fetched, {
      ...options.provenance,
      pinned: pin.provenance,
      requireProvenance: pin.policy.requireProvenance === true,
      ...(attestations ? { attestations } : {}),
    }),
  );
}

export interface StartAgainstPin {
  started?: SnapshotStageOutcome;
  /** the manifest of this start */
  after?: ManifestView;
  /** the stored manifest of the pin */
  baseline?: ManifestView;
}

/**
 * Sandboxed starts of the version's closure with the pin's launch, and both manifests parsed.
 *
 * `settled`: the bytes and the whole closure are the approved ones, whose three starts (a second
 * sharing the first one's HOME, a third as another client) were compared when they were approved.
 * Starting them all again could differ only by the clock, so one start is made (the one whose
 * behaviour is recorded); only if it lists anything but the approved manifest are the three starts
 * made again, to tell a changed server from an unstable one.
 */
export async function startAgainstPin(
  ports: Ports,
  failures: StageFailure[],
  subject: string,
  pinned: PinnedEvidence,
  fetched: FetchedVersion | undefined,
  lock: LockFile | undefined,
  options: ReviewOptions,
  settled = false,
): Promise<StartAgainstPin> {
  const pin = pinned.pin;
  const snapshotOptions = options.snapshot ?? { sandbox: pin.launch.sandbox ?? 'strict' };
  const start = (o: typeof snapshotOptions) =>
    fetched && lock
      ? runSnapshotStage(ports, failures, subject, () => snapshotStage(ports, fetched, lock, pin.launch, o))
      : Promise.resolve(undefined);
  const approved = pin.manifest.digest;
  const once =
    settled && snapshotOptions !== false && snapshotOptions.recheck !== false && approved
      ? await start({ ...snapshotOptions, recheck: false })
      : undefined;
  const started =
    once?.snapshot && once.snapshot.pin.digest === approved
      ? { ...once, snapshot: { ...once.snapshot, settled: true as const } }
      : once && !once.snapshot
        ? once
        : await start(snapshotOptions);
  const snapshot = started?.snapshot;
  const after = snapshot ? parseManifestInput(snapshot.manifest, subject) : undefined;
  const baseline = pinned.manifest
    ? parseManifestInput(pinned.manifest, `${pin.name}@${pin.version}/manifest.json`)
    : undefined;
  return { ...(started ? { started } : {}), ...(after ? { after } : {}), ...(baseline ? { baseline } : {}) };
}

/**
 * The pin an approval would write, with the pin's launch (and the sandbox asked for in this run);
 * absent when the bytes, the closure or the provenance could not be verified.
 */
export function approvableAgainstPin(
  pinned: PinnedEvidence,
  fetched: FetchedVersion | undefined,
  lock: LockFile | undefined,
  provenance: ProvenanceOutcome | undefined,
  started: SnapshotStageOutcome | undefined,
  options: ReviewOptions,
): Review['approvable'] {
  if (!fetched || !lock || !provenance) return undefined;
  const pin = pinned.pin;
  const launch =
    options.snapshot && options.snapshot.sandbox !== (pin.launch.sandbox ?? 'strict')
      ? { ...pin.launch, sandbox: options.snapshot.sandbox }
      : pin.launch;
  return pinOf(fetched, lock, provenance, started?.snapshot, { launch, policy: pin.policy });
}
