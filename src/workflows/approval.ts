import type { Report } from '../core/report/report.js';
import type { AllowlistEntry } from '../core/workspace/allowlist-entry.js';
import type { Ports } from './ports.js';

/** Who approved, when, and why; a pin forced past blocking findings says so in its note. */
export function approvalOf(
  ports: Pick<Ports, 'clock'>,
  input: { by: string; note?: string; force?: boolean },
  report: Report,
): AllowlistEntry['approved'] {
  const approved: AllowlistEntry['approved'] = { by: input.by, at: ports.clock.now().toISOString() };
  if (input.note)
    approved.note =
      input.force && report.verdict === 'block'
        ? `forced past ${report.findings.length} finding(s): ${input.note}`
        : input.note;
  return approved;
}
