import type {
  ClosureJudgement,
  ClosurePackageEvidence,
  ClosureReview,
  ReviewedChange,
} from '../../core/closure/evidence.js';
import { isReviewedChange } from '../../core/closure/evidence.js';
import { judgeClosurePackage } from '../../core/closure/judge.js';
import { toVetError } from '../../core/errors.js';
import { diffLocks, sourceKind } from '../../core/package/lock-diff.js';
import type { PackageVersion } from '../../core/package-diff/index.js';
import { formatSpec } from '../../core/spec.js';
import type { LockFile, LockNode } from '../../core/workspace/lock-file.js';
import type { Packument } from '../../io/registry.js';
import type { Ports } from '../ports.js';
import { contentBudget } from './content-budget.js';
import { gatherVersion } from './fetch-version.js';

/** At most this many added or changed closure packages are fetched and reviewed per closure change. */
export const CLOSURE_REVIEW_CAP = 200;

export interface ClosureReviewOptions {
  /** a lock path not to review (the package itself, whose move is the update) */
  exclude?: string;
  cap?: number;
}

type Gatherer = Pick<Ports, 'registry' | 'tarballs' | 'resolver' | 'clock' | 'slots'>;

/**
 * The content review of a closure change: for each package that is new or at another version
 * (in path order, up to the cap), its tarball and, for a version change, the locked one, both
 * checked against the integrity the locks record, plus its packument (release time, maintainers);
 * each judged as soon as it is read, so only the judgements are kept. The same package at several
 * paths is fetched once. Downloads take turns through the run's download slots. A package that
 * cannot be read is judged unreviewed; nothing here fails the stage.
 */
export async function reviewClosure(
  ports: Gatherer,
  before: LockFile,
  after: LockFile,
  options: ClosureReviewOptions = {},
): Promise<ClosureReview> {
  const cap = options.cap ?? CLOSURE_REVIEW_CAP;
  const changes = diffLocks(before, after).filter(
    (c): c is ReviewedChange => isReviewedChange(c) && c.path !== options.exclude,
  );
  const now = ports.clock.now();
  const memo = new Map<string, Promise<Omit<ClosureJudgement, 'path'>>>();
  const judgements = await Promise.all(
    changes.slice(0, cap).map(async (change) => {
      const key = `${spec(change.after)} ${change.kind === 'version-changed' ? spec(change.before) : ''}`;
      let judged = memo.get(key);
      if (!judged) {
        judged = ports.slots.downloads(async () => {
          const { path: _path, ...rest } = judgeClosurePackage(await gatherClosurePackage(ports, change), now);
          return rest;
        });
        memo.set(key, judged);
      }
      return { path: change.path, ...(await judged) };
    }),
  );
  return { judgements, capped: changes.slice(cap).map((c) => c.path), cap };
}

/** One changed package: the new version's bytes and content, the locked one's, the packument. Gathers only. */
export async function gatherClosurePackage(ports: Gatherer, change: ReviewedChange): Promise<ClosurePackageEvidence> {
  const evidence: ClosurePackageEvidence = { change };
  const now = await readVersion(ports, change.after);
  if (now.packument) evidence.packument = now.packument;
  if (now.bytesRefused) evidence.bytesRefused = true;
  if (now.package) evidence.after = now.package;
  else evidence.missing = now.missing ?? 'not fetched';
  if (change.kind === 'version-changed' && evidence.after) {
    const was = await readVersion(ports, change.before);
    if (was.package) evidence.before = was.package;
  }
  return evidence;
}

async function readVersion(
  ports: Gatherer,
  node: LockNode,
): Promise<{ package?: PackageVersion; packument?: Packument; bytesRefused?: boolean; missing?: string }> {
  const what = spec(node);
  if (sourceKind(node.resolved) !== 'registry') return { missing: `${what} does not come from the registry` };
  let packument: Packument;
  try {
    packument = await ports.registry.packument(node.name);
  } catch (err) {
    return { missing: toVetError(err).message };
  }
  const manifest = packument.versions[node.version];
  if (!manifest) return { packument, missing: `${what} is not in the registry` };
  const got = await gatherVersion(
    ports,
    { packument, manifest },
    { ...(node.integrity ? { integrity: node.integrity } : {}), closure: false, keepContent: contentBudget() },
  );
  if (got.bytesMismatch) return { packument, bytesRefused: true };
  if (!got.fetched) return { packument, missing: got.failures[0]?.message ?? `${what} could not be read` };
  return { packument, package: got.fetched.package };
}

function spec(node: LockNode): string {
  return formatSpec(node.name, node.version);
}
