import { atLeast, SEVERITIES, type Severity } from '../findings/severity.js';
import { sortFindings, type Finding } from '../findings/finding.js';

export type Verdict = 'pass' | 'review' | 'block';

export interface SubjectResult {
  name: string;
  from?: string;
  to?: string;
  verdict: Verdict;
  /** the subject's allowlist entry, relative to the working directory (SARIF locations) */
  file?: string;
}

/** A part of the run that could not complete (exit 3): it never counts as a pass. */
export interface ReportError {
  subject: string;
  code: string;
  message: string;
}

export interface Report {
  schemaVersion: 1;
  tool: { name: 'mcp-vet'; version: string };
  command: string;
  verdict: Verdict;
  subjects: SubjectResult[];
  findings: Finding[];
  summary: Record<Severity, number>;
  errors?: ReportError[];
}

export interface ReportInput {
  command: string;
  toolVersion: string;
  subjects: Array<Omit<SubjectResult, 'verdict'>>;
  findings: readonly Finding[];
  errors?: readonly ReportError[];
  failOn: Severity;
}

/** A stage that could not complete is reported as a finding with this code; it decides exit 3, not 1. */
export const STAGE_INCOMPLETE = 'stage/incomplete';

export function verdictOf(findings: readonly Finding[], failOn: Severity, errored = false): Verdict {
  if (errored || findings.some((f) => atLeast(f.severity, failOn) || f.code === STAGE_INCOMPLETE)) return 'block';
  if (findings.some((f) => f.severity !== 'info')) return 'review';
  return 'pass';
}

/** A finding belongs to a subject when its subject is the name itself or `name@…`. */
export function belongsTo(f: { subject: string }, name: string): boolean {
  return f.subject === name || f.subject.startsWith(`${name}@`);
}

export function buildReport(input: ReportInput): Report {
  const findings = sortFindings(input.findings);
  const errors = [...(input.errors ?? [])].sort((a, b) => (a.subject + a.code).localeCompare(b.subject + b.code));
  const subjects = [...input.subjects]
    .sort((a, b) => a.name.localeCompare(b.name))
    .map((s) => ({
      ...s,
      verdict: verdictOf(
        findings.filter((f) => belongsTo(f, s.name)),
        input.failOn,
        errors.some((e) => belongsTo(e, s.name)),
      ),
    }));
  const summary = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>;
  for (const f of findings) summary[f.severity] += 1;
  const report: Report = {
    schemaVersion: 1,
    tool: { name: 'mcp-vet', version: input.toolVersion },
    command: input.command,
    verdict: verdictOf(findings, input.failOn, errors.length > 0),
    subjects,
    findings,
    summary,
  };
  if (errors.length > 0) report.errors = errors;
  return report;
}

/**
 * 1 when a finding reaches the threshold (what was checked failed), else 3 when a part could not
 * complete (a stage finding or an error: nothing may pass unchecked), else 0.
 */
export function exitCodeForReport(report: Report, failOn: Severity): 0 | 1 | 3 {
  if (report.findings.some((f) => f.code !== STAGE_INCOMPLETE && atLeast(f.severity, failOn))) return 1;
  if ((report.errors && report.errors.length > 0) || report.findings.some((f) => f.code === STAGE_INCOMPLETE)) return 3;
  return 0;
}
