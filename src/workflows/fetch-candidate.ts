import { VetError } from '../core/errors.js';
import { finding, type Finding } from '../core/findings/finding.js';
import { bestIntegrity, integrityOf } from '../core/package/integrity.js';
import { buildPackageMeta } from '../core/package/package-meta.js';
import { formatSpec, type PackageSpec } from '../core/spec.js';
import type { LockFile } from '../core/workspace/lock-file.js';
import type { PackageMeta } from '../core/workspace/package-meta.js';
import type { Packument, VersionManifest } from '../io/registry.js';
import { readTarball, type TarballContents } from '../io/tarball-reader.js';
import type { Services } from './services.js';

/** One version of a package, fetched and checked against its registry integrity. */
export interface Candidate {
  name: string;
  version: string;
  subject: string;
  packument: Packument;
  manifest: VersionManifest;
  integrity: string;
  tarball: Buffer;
  contents: TarballContents;
  meta: PackageMeta;
  lock: LockFile;
  findings: Finding[];
}

export interface FetchOptions {
  allowSha1?: boolean;
  /** download the tarball even when the cache has it */
  fresh?: boolean;
  /** an earlier closure of the same package (the pin's), to speed up resolution */
  lockHint?: LockFile;
  /** keep file contents (for package diffs) */
  keepContent?: (path: string, size: number) => boolean;
}

/**
 * Resolves a spec to an exact version, fetches its tarball, checks the bytes against the
 * registry's integrity, reads its metadata and resolves its dependency closure.
 */
export async function fetchCandidate(
  services: Services,
  spec: PackageSpec,
  options: FetchOptions = {},
): Promise<Candidate> {
  const { packument, manifest } = await services.registry.resolve(spec);
  const name = manifest.name;
  const version = manifest.version;
  const subject = formatSpec(name, version);
  const findings: Finding[] = [];
  const best = bestIntegrity(manifest.dist);
  if (!best) {
    throw new VetError('VERIFICATION_FAILED', `${subject}: the registry gives no integrity for this version`, {
      details: { package: subject },
    });
  }
  if (best.algorithm === 'sha1') {
    if (!options.allowSha1) {
      throw new VetError(
        'VERIFICATION_FAILED',
        `${subject}: only a SHA-1 integrity is published; refusing (use --allow-sha1 to accept it)`,
        { details: { package: subject } },
      );
    }
    findings.push(
      finding('package/weak-integrity', {
        subject,
        message: `${subject} is pinned by SHA-1 only`,
        location: { kind: 'package', name },
        evidence: { integrity: best.integrity },
      }),
    );
  }
  // The closure is resolved while the tarball is fetched and read (it needs only name and version).
  // A failure of the tarball steps is still the one reported; the closure's is reported after them.
  const lockP = services.resolveLock(name, version, options.lockHint);
  lockP.catch(() => undefined);
  const tarball = await services.registry.tarball(manifest, best.integrity, { fresh: options.fresh === true });
  // Defence in depth: check the bytes ourselves, whatever the fetcher did.
  if (integrityOf(tarball, best.integrity) !== best.integrity) {
    throw new VetError('VERIFICATION_FAILED', `${subject}: tarball does not match its integrity ${best.integrity}`, {
      details: { package: subject },
    });
  }
  const contents = await readTarball(tarball, subject, options.keepContent ? { keepContent: options.keepContent } : {});
  if (!contents.packageJson) {
    throw new VetError('INVALID_FILE', `${subject}: the tarball has no package.json`, {
      details: { package: subject },
    });
  }
  const meta = buildPackageMeta({
    name,
    version,
    integrity: best.integrity,
    packageJson: contents.packageJson,
    files: contents.files,
  });
  const lock = await lockP;
  const root = Object.entries(lock.packages).find(([path]) => path === `node_modules/${name}`)?.[1];
  if (
    root?.integrity &&
    root.integrity !== best.integrity &&
    bestIntegrity({ integrity: root.integrity })?.algorithm === best.algorithm
  ) {
    throw new VetError(
      'VERIFICATION_FAILED',
      `${subject}: the dependency resolver saw integrity ${root.integrity}, the registry ${best.integrity}`,
      { details: { package: subject } },
    );
  }
  return {
    name,
    version,
    subject,
    packument,
    manifest,
    integrity: best.integrity,
    tarball,
    contents,
    meta,
    lock,
    findings,
  };
}
