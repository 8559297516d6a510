import { VetError } from '../core/errors.js';
import type { Severity } from '../core/findings/severity.js';
import { buildReport, type Report } from '../core/report/report.js';
import { hasExplicitVersion, parsePackageSpec } from '../core/spec.js';
import type { AllowlistEntry } from '../core/workspace/allowlist-entry.js';
import type { Workspace } from '../io/workspace.js';
import { TOOL_VERSION } from '../version.js';
import { evaluateCandidate, type EvaluateOptions } from './evaluate-candidate.js';
import type { Services } from './services.js';

export interface ApproveInput extends EvaluateOptions {
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
}

/**
 * `mcp-vet approve <pkg>@<version>`: runs the whole verification again and, when nothing blocks
 * (or with --force and a note), moves the pin and writes the new evidence. The old snapshot folder
 * stays; the allowlist entry is replaced last and atomically.
 */
export async function approveServer(
  services: Services,
  workspace: Workspace,
  input: ApproveInput,
): Promise<ApproveResult> {
  await workspace.assertExists();
  if (!hasExplicitVersion(input.spec))
    throw new VetError('USAGE', `approve needs an exact version: ${input.spec}@<version>`);
  if (input.force && !input.note)
    throw new VetError('USAGE', '--force needs --note explaining why the findings are accepted');
  const spec = parsePackageSpec(input.spec);
  if (spec.kind !== 'version') throw new VetError('USAGE', `approve needs an exact version, not "${spec.wanted}"`);
  const pin = await workspace.readEntry(spec.name);
  if (!pin)
    throw new VetError('NOT_PINNED', `${spec.name} is not on the allowlist; pin it first with mcp-vet add`, {
      details: { package: spec.name },
    });
  const evaluation = await evaluateCandidate(services, workspace, pin, spec.wanted, input);
  const report = buildReport({
    command: 'approve',
    toolVersion: TOOL_VERSION,
    subjects: [
      { name: pin.name, from: pin.version, to: spec.wanted, file: workspace.display(workspace.entryFile(pin.name)) },
    ],
    findings: evaluation.findings,
    failOn: input.failOn,
  });
  if (!evaluation.approvable || (report.verdict === 'block' && !input.force)) return { report, approved: false };
  const approved: AllowlistEntry['approved'] = { by: input.by, at: services.now().toISOString() };
  if (input.note)
    approved.note =
      input.force && report.verdict === 'block'
        ? `forced past ${report.findings.length} finding(s): ${input.note}`
        : input.note;
  const entry: AllowlistEntry = { ...evaluation.approvable.entry, approved };
  await workspace.writePin(entry, evaluation.approvable.evidence);
  return { report, approved: true, entry };
}
