import { VetError } from '../core/errors.js';
import type { Severity } from '../core/findings/severity.js';
import { buildReport, type Report } from '../core/report/report.js';
import { hasExplicitVersion, parsePackageSpec } from '../core/spec.js';
import type { AllowlistEntry } from '../core/workspace/allowlist-entry.js';
import { TOOL_VERSION } from '../version.js';
import { approvalOf } from './approval.js';
import type { Ports } from './ports.js';
import type { ReviewOptions } from './review-options.js';
import { entryFile, readPin, reviewAgainstPin } from './verify.js';

export interface ApproveInput extends ReviewOptions {
  spec: string;
  by: string;
  note?: string;
  /** approve despite blocking findings; needs a note */
  force?: boolean;
  failOn: Severity;
}

export interface ApproveResult {
  report: Report;
  approved: boolean;
  entry?: AllowlistEntry;
  /** not approved because the bytes, closure or provenance could not be verified (--force cannot help) */
  unverified?: boolean;
}

/**
 * `mcp-vet approve <pkg>@<version>`: runs the whole verification again and, when nothing blocks
 * (or with --force and a note), moves the pin and writes the new evidence. The old snapshot folder
 * stays; the allowlist entry is replaced last and atomically.
 */
export async function approveServer(ports: Ports, input: ApproveInput): Promise<ApproveResult> {
  if (!hasExplicitVersion(input.spec))
    throw new VetError('USAGE', `approve needs an exact version: ${input.spec}@<version>`);
  if (input.force && !input.note)
    throw new VetError('USAGE', '--force needs --note explaining why the findings are accepted');
  const spec = parsePackageSpec(input.spec);
  if (spec.kind !== 'version') throw new VetError('USAGE', `approve needs an exact version, not "${spec.wanted}"`);
  // The lock covers the whole read-modify-write: a concurrent add or approve of this workspace
  // fails with WORKSPACE_BUSY instead of silently undoing this one.
  return ports.workspace.withLock(() => approveUnderLock(ports, input, spec.wanted));
}

async function approveUnderLock(ports: Ports, input: ApproveInput, wanted: string): Promise<ApproveResult> {
  const pin = await readPin(ports, input.spec);
  const review = await reviewAgainstPin(ports, pin, wanted, input);
  const report = buildReport({
    command: 'approve',
    toolVersion: TOOL_VERSION,
    subjects: [
      {
        name: pin.name,
        from: pin.version,
        to: wanted,
        file: entryFile(ports, pin.name),
        candidate: { version: wanted, reason: 'requested' },
        facts: [review.facts],
      },
    ],
    findings: review.findings,
    failOn: input.failOn,
  });
  if (!review.approvable) return { report, approved: false, unverified: true };
  if (report.verdict === 'block' && !input.force) return { report, approved: false };
  const entry: AllowlistEntry = { ...review.approvable.entry, approved: approvalOf(ports, input, report) };
  await ports.workspace.writePin(entry, review.approvable.evidence);
  return { report, approved: true, entry };
}
