import { open } from 'node:fs/promises';
import { VetError } from '../core/errors.js';
import type { Severity } from '../core/findings/severity.js';
import { sha512Hex } from '../core/package/integrity.js';
import type { IdentityExpectation } from '../core/provenance/identity-compare.js';
import { buildReport, type Report } from '../core/report/report.js';
import { parsePackageSpec } from '../core/spec.js';
import { readAttestationsFile } from '../io/provenance/attestations-file.js';
import { TOOL_VERSION } from '../version.js';
import type { Ports } from './ports.js';
import { provenanceStep } from './provenance-step.js';

export interface OfflineVerifyInput {
  /** `<name>@<exact version>` */
  spec: string;
  tarball: string;
  attestations: string;
  expect?: IdentityExpectation;
  failOn: Severity;
}

const MAX_TARBALL_BYTES = 512 * 1024 * 1024;

/**
 * `mcp-vet verify <pkg>@<v> --tarball FILE --attestations FILE`: checks a tarball against its
 * attestations with no registry and no workspace: Sigstore verification against the shipped (or
 * --trusted-root) trust material, subject, predicate-certificate agreement, package.json repository.
 */
export async function verifyOffline(ports: Ports, input: OfflineVerifyInput): Promise<Report> {
  const spec = parsePackageSpec(input.spec);
  if (spec.kind !== 'version')
    throw new VetError('USAGE', `verify --tarball: give an exact version (<name>@<version>), not "${input.spec}"`);
  const doc = await readAttestationsFile(input.attestations);
  const data = await readTarballFile(input.tarball);
  const contents = await ports.tarballs.read(data, input.tarball);
  const outcome = await provenanceStep(
    ports,
    { name: spec.name, version: spec.wanted, sha512: sha512Hex(data), packageJson: contents.packageJson },
    {
      attestations: doc,
      online: false,
      ...(input.expect ? { expect: input.expect } : {}),
    },
  );
  return buildReport({
    command: 'verify',
    toolVersion: TOOL_VERSION,
    subjects: [{ name: spec.name, to: spec.wanted }],
    findings: outcome.findings,
    failOn: input.failOn,
  });
}

async function readTarballFile(file: string): Promise<Buffer> {
  let handle;
  try {
    handle = await open(file, 'r');
  } catch (err) {
    throw new VetError(
      (err as NodeJS.ErrnoException).code === 'ENOENT' ? 'NOT_FOUND' : 'INVALID_FILE',
      `--tarball ${file}: cannot read (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`,
      { cause: err, details: { file } },
    );
  }
  try {
    const { size } = await handle.stat();
    if (size > MAX_TARBALL_BYTES)
      throw new VetError(
        'INVALID_FILE',
        `--tarball ${file}: ${size} bytes is larger than the ${MAX_TARBALL_BYTES} byte limit`,
        { details: { file } },
      );
    return await handle.readFile();
  } finally {
    await handle.close();
  }
}
