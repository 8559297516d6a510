import { VetError } from '../core/errors.js';
import type { Severity } from '../core/findings/severity.js';
import { downgradeFindings } from '../core/policy/downgrade.js';
import { newerVersions } from '../core/policy/newer-versions.js';
import { buildReport, type CandidateReason, type Report } from '../core/report/report.js';
import { hasExplicitVersion, parsePackageSpec } from '../core/spec.js';
import type { AllowlistEntry } from '../core/workspace/allowlist-entry.js';
import { TOOL_VERSION } from '../version.js';
import { loadPinnedEvidence } from './gather/pinned-evidence.js';
import type { Ports } from './ports.js';
import type { Review, ReviewOptions } from './review-options.js';
import { reviewPinAgain } from './review-pin-again.js';
import { reviewUpdate } from './review-update.js';
import { inStep } from './progress-step.js';

export interface VerifyInput extends ReviewOptions {
  spec: string;
  failOn: Severity;
}

/**
 * `mcp-vet verify <pkg>[@<version>]`: the whole pipeline for a candidate against the pin. With no
 * version, the candidate is the newest version within policy.updates, or the pinned version
 * itself when there is none. Writes nothing.
 */
export async function verifyServer(ports: Ports, input: VerifyInput): Promise<Report> {
  const pin = await readPin(ports, input.spec);
  const { version, reason } = await inStep(ports, `${pin.name}: registry metadata`, () =>
    candidateVersion(ports, pin, input.spec),
  );
  const review = await reviewAgainstPin(ports, pin, version, input);
  const facts = { ...review.facts, ...(reason === 'pinned' ? { newerWithinPolicy: null } : {}) };
  return buildReport({
    command: 'verify',
    toolVersion: TOOL_VERSION,
    subjects: [
      {
        name: pin.name,
        from: pin.version,
        to: version,
        file: entryFile(ports, pin.name),
        candidate: { version, reason },
        facts: [facts],
      },
    ],
    findings: review.findings,
    failOn: input.failOn,
  });
}

/** The pin of a spec's package; not pinned is a usage error naming the file. */
export async function readPin(ports: Ports, spec: string): Promise<AllowlistEntry> {
  await ports.workspace.assertExists();
  const { name } = parsePackageSpec(spec);
  const pin = await ports.workspace.readEntry(name);
  if (!pin)
    throw new VetError(
      'NOT_PINNED',
      `${name} is not on the allowlist (${entryFile(ports, name)}); pin it with mcp-vet add`,
      { details: { package: name } },
    );
  return pin;
}

/**
 * The stored evidence checked against the pin, then the pinned version again or the update; a
 * version below the pin is a downgrade (package/downgrade).
 */
export async function reviewAgainstPin(
  ports: Ports,
  pin: AllowlistEntry,
  version: string,
  options: ReviewOptions,
): Promise<Review> {
  const evidence = await loadPinnedEvidence(ports.workspace, pin);
  const review =
    version === pin.version
      ? await reviewPinAgain(ports, evidence, options)
      : await reviewUpdate(ports, evidence, version, options);
  review.findings.push(
    ...evidence.findings,
    ...downgradeFindings({
      name: pin.name,
      pinned: pin.version,
      candidate: version,
      allowed: options.allowDowngrade === true,
    }),
  );
  return review;
}

/** The version named, else the newest within policy, else the pinned version again. */
async function candidateVersion(
  ports: Ports,
  pin: AllowlistEntry,
  spec: string,
): Promise<{ version: string; reason: CandidateReason }> {
  if (hasExplicitVersion(spec))
    return { version: (await ports.registry.resolve(parsePackageSpec(spec))).manifest.version, reason: 'requested' };
  const packument = await ports.registry.packument(pin.name);
  const newest = newerVersions(Object.keys(packument.versions), pin.version, pin.policy.updates).withinPolicy.at(-1);
  return newest ? { version: newest, reason: 'newest-within-policy' } : { version: pin.version, reason: 'pinned' };
}

export function entryFile(ports: Ports, name: string): string {
  return ports.workspace.display(ports.workspace.entryFile(name));
}
