import { VetError, isVetError } from '../core/errors.js';
import { finding, type Finding } from '../core/findings/finding.js';
import type { Severity } from '../core/findings/severity.js';
import { closureFindings } from '../core/package/closure-findings.js';
import { diffLocks } from '../core/package/lock-diff.js';
import { buildReport, type Report } from '../core/report/report.js';
import { formatSpec, parsePackageSpec } from '../core/spec.js';
import type { Workspace } from '../io/workspace.js';
import { TOOL_VERSION } from '../version.js';
import { fetchCandidate } from './fetch-candidate.js';
import { contentBudget, pinnedVersionFindings } from './package-diff.js';
import { AttestationsFile } from '../core/provenance/attestations-doc.js';
import { candidateProvenance, type ProvenanceOptions } from './provenance-step.js';
import type { Services } from './services.js';

export interface VerifyInput {
  spec: string;
  allowSha1?: boolean;
  failOn: Severity;
  /** --trusted-root, --provenance-registry, --expect-* */
  provenance?: Pick<ProvenanceOptions, 'trustedRoot' | 'provenanceRegistry' | 'expect'>;
}

/**
 * `mcp-vet verify`: fetch a version again and compare it with the pin. The same version must have
 * the same bytes and the same dependency closure; a candidate version must verify on its own and
 * its closure changes are shown. Writes nothing.
 */
export async function verifyServer(services: Services, workspace: Workspace, input: VerifyInput): Promise<Report> {
  await workspace.assertExists();
  const spec = parsePackageSpec(input.spec);
  const pin = await workspace.readEntry(spec.name);
  if (!pin) {
    throw new VetError('NOT_PINNED', `${spec.name} is not on the allowlist (${workspace.display(workspace.entryFile(spec.name))}); pin it with mcp-vet add`, { details: { package: spec.name } });
  }
  const wanted = spec.kind === 'tag' && spec.wanted === 'latest' && !input.spec.slice(1).includes('@') ? { ...spec, wanted: pin.version, kind: 'version' as const } : spec;
  const pinnedLock = await workspace.readLock(pin.name, pin.version);
  if (!pinnedLock) {
    throw new VetError('INVALID_FILE', `${workspace.display(workspace.snapshotDir(pin.name, pin.version))}/lock.json is missing; re-pin ${pin.name} with mcp-vet add`, { details: { package: pin.name } });
  }
  const findings: Finding[] = [];
  const { manifest } = await services.registry.resolve(wanted);
  const version = manifest.version;
  const subject = formatSpec(pin.name, version);
  const samePin = version === pin.version;
  if (samePin && manifest.dist.integrity && !manifest.dist.integrity.split(/\s+/).includes(pin.integrity)) {
    findings.push(
      finding('package/integrity-changed', {
        subject,
        message: `the registry now reports ${manifest.dist.integrity} for ${subject}, pinned as ${pin.integrity}`,
        location: { kind: 'package', name: pin.name },
        evidence: { before: pin.integrity, after: manifest.dist.integrity },
      }),
    );
  }
  try {
    const candidate = await fetchCandidate(services, { name: pin.name, wanted: version, kind: 'version' }, { allowSha1: input.allowSha1 === true || pin.integrity.startsWith('sha1-'), fresh: true, lockHint: pinnedLock, ...(samePin ? {} : { keepContent: contentBudget() }) });
    findings.push(...candidate.findings);
    if (samePin && candidate.integrity !== pin.integrity) {
      findings.push(finding('package/integrity-mismatch', { subject, message: `${subject} now has integrity ${candidate.integrity}, pinned as ${pin.integrity}`, location: { kind: 'package', name: pin.name }, evidence: { before: pin.integrity, after: candidate.integrity } }));
    }
    findings.push(...closureFindings(subject, diffLocks(pinnedLock, candidate.lock)));
    // Another version than the pin: package diff, registry signals and the name check (package-diff.ts).
    if (!samePin) findings.push(...(await pinnedVersionFindings(services, workspace, pin, candidate)));
    // Attestations stored when the pin was made verify the pinned version with no registry at all.
    const stored = samePin && pin.provenance.status === 'verified' ? await workspace.readSnapshotFile(pin.name, pin.version, 'attestations.json', AttestationsFile) : null;
    const provenance = await candidateProvenance(services.registry, candidate, { ...input.provenance, pinned: pin.provenance, requireProvenance: pin.policy.requireProvenance === true, ...(stored ? { attestations: stored } : {}) });
    findings.push(...provenance.findings);
  } catch (err) {
    if (!(isVetError(err) && err.code === 'VERIFICATION_FAILED' && /integrity/.test(err.message))) throw err;
    findings.push(
      finding('package/integrity-mismatch', {
        subject,
        message: `the bytes served for ${subject} do not match ${samePin ? 'the pinned integrity' : 'the registry integrity'}`,
        location: { kind: 'package', name: pin.name },
        evidence: { expected: samePin ? pin.integrity : (manifest.dist.integrity ?? ''), error: err.message },
      }),
    );
  }
  return buildReport({ command: 'verify', toolVersion: TOOL_VERSION, subjects: [{ name: pin.name, from: pin.version, to: version }], findings, failOn: input.failOn });
}
