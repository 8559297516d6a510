import type { StageFailure } from '../../core/assess/stage.js';
import { VetError, isVetError } from '../../core/errors.js';
import { bestIntegrity, integrityOf } from '../../core/package/integrity.js';
import { buildPackageMeta } from '../../core/package/package-meta.js';
import type { PackageVersion } from '../../core/package-diff/index.js';
import { formatSpec } from '../../core/spec.js';
import type { LockFile } from '../../core/workspace/lock-file.js';
import type { PackageMeta } from '../../core/workspace/package-meta.js';
import type { Packument, Resolved, VersionManifest } from '../../io/registry.js';
import type { TarballContents } from '../../io/tarball-reader.js';
import type { Ports } from '../ports.js';
import { runStage } from './stage.js';

/** One version of a package as fetched: registry metadata, the verified bytes and what they hold. */
export interface FetchedVersion {
  name: string;
  version: string;
  subject: string;
  packument: Packument;
  manifest: VersionManifest;
  /** the integrity the bytes were checked against */
  integrity: string;
  algorithm: string;
  tarball: Buffer;
  contents: TarballContents;
  meta: PackageMeta;
  /** the same, as the pure package review sees it */
  package: PackageVersion;
}

export interface GatheredVersion {
  fetched?: FetchedVersion;
  /** the dependency closure resolved today (absent when not asked for or when it failed) */
  lock?: LockFile;
  /** the bytes served were refused by the integrity check */
  bytesMismatch?: boolean;
  failures: StageFailure[];
}

export interface GatherVersionOptions {
  /** check the bytes against this integrity (a pin's) instead of the registry's best one */
  integrity?: string;
  /** download the tarball even when the cache has it */
  fresh?: boolean;
  /** resolve the dependency closure too (in parallel); default true */
  closure?: boolean;
  /** an earlier closure of the same package (the pin's), to speed up resolution */
  lockHint?: LockFile;
  /** keep file contents (for package signals) */
  keepContent?: (path: string, size: number) => boolean;
}

/**
 * The fetch and closure stages of one resolved version: the tarball (checked against its integrity
 * by the fetcher and again here), its contents and metadata, and its dependency closure. Gathers
 * only: a refused integrity is recorded for the assessment, any other failure is a stage failure.
 */
export async function gatherVersion(
  ports: Pick<Ports, 'tarballs' | 'resolver'> & Partial<Pick<Ports, 'progress'>>,
  resolved: Resolved,
  options: GatherVersionOptions = {},
): Promise<GatheredVersion> {
  const { packument, manifest } = resolved;
  const name = manifest.name;
  const version = manifest.version;
  const subject = formatSpec(name, version);
  const failures: StageFailure[] = [];
  const out: GatheredVersion = { failures };
  // The closure is resolved while the tarball is fetched and read (it needs only name and version).
  const lockP =
    options.closure === false
      ? Promise.resolve(undefined)
      : runStage(ports, failures, 'closure', subject, () => ports.resolver.resolve(name, version, options.lockHint));
  const fetched = await runStage(ports, failures, 'fetch', subject, async () => {
    const best = options.integrity
      ? { integrity: options.integrity, algorithm: options.integrity.split('-')[0] ?? '' }
      : bestIntegrity(manifest.dist);
    if (!best)
      throw new VetError('VERIFICATION_FAILED', `${subject}: the registry gives no integrity for this version`, {
        details: { package: subject },
      });
    let tarball: Buffer;
    try {
      tarball = await ports.tarballs.fetch(manifest, best.integrity, { fresh: options.fresh === true });
      // Defence in depth: check the bytes ourselves, whatever the fetcher did.
      if (integrityOf(tarball, best.integrity) !== best.integrity)
        throw new VetError('INTEGRITY_MISMATCH', `${subject}: tarball does not match ${best.integrity}`);
    } catch (err) {
      if (isVetError(err) && err.code === 'INTEGRITY_MISMATCH') {
        out.bytesMismatch = true;
        return undefined;
      }
      throw err;
    }
    const contents = await ports.tarballs.read(
      tarball,
      subject,
      options.keepContent ? { keepContent: options.keepContent } : {},
    );
    if (!contents.packageJson)
      throw new VetError('INVALID_FILE', `${subject}: the tarball has no package.json`, {
        details: { package: subject },
      });
    const meta = buildPackageMeta({
      name,
      version,
      integrity: best.integrity,
      packageJson: contents.packageJson,
      files: contents.files,
      unsafePaths: contents.unsafePaths,
    });
    const pkg: PackageVersion = { subject, meta, files: contents.files, unsafePaths: contents.unsafePaths };
    return {
      name,
      version,
      subject,
      packument,
      manifest,
      integrity: best.integrity,
      algorithm: best.algorithm,
      tarball,
      contents,
      meta,
      package: pkg,
    } satisfies FetchedVersion;
  });
  if (fetched) out.fetched = fetched;
  const lock = await lockP;
  if (lock) {
    out.lock = lock;
    const root = lock.packages[`node_modules/${name}`];
    if (
      fetched &&
      root?.integrity &&
      root.integrity !== fetched.integrity &&
      bestIntegrity({ integrity: root.integrity })?.algorithm === fetched.algorithm
    ) {
      failures.push({
        stage: 'closure',
        subject,
        code: 'VERIFICATION_FAILED',
        message: `the dependency resolver saw integrity ${root.integrity}, the registry ${fetched.integrity}`,
      });
      delete out.lock;
    }
  }
  return out;
}
