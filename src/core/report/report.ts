import { atLeast, SEVERITIES, type Severity } from '../findings/severity.js';
import { sortFindings, type Finding } from '../findings/finding.js';
import { assessChecks, type CheckFacts, type SubjectCheck } from './checks.js';
import { nextSteps, type NextStep } from './next-steps.js';
import { splitNotices, type Notice } from './notices.js';

export type { CheckFacts, CheckName, CheckStatus, SubjectCheck } from './checks.js';
export type { NextStep } from './next-steps.js';
export type { Notice } from './notices.js';

export type Verdict = 'pass' | 'review' | 'block';

export interface SubjectResult {
  name: string;
  from?: string;
  to?: string;
  verdict: Verdict;
  /** the subject's allowlist entry, relative to the working directory (SARIF locations) */
  file?: string;
  /** which version was checked as the candidate, and why that one */
  candidate?: { version: string; reason: CandidateReason };
  /** what was checked, per version, and whether it held */
  checks?: SubjectCheck[];
}

/** requested: named on the command line; newest-within-policy; pinned: no newer version within policy */
export type CandidateReason = 'requested' | 'newest-within-policy' | 'pinned';

export interface SubjectInput extends Omit<SubjectResult, 'verdict' | 'checks'> {
  /** what the workflow did for each version it checked; the checks follow from these and the findings */
  facts?: CheckFacts[];
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
  /** what the registry could not serve, once per run */
  notices?: Notice[];
  /** the commands to run next */
  next?: NextStep[];
}

export interface ReportInput {
  command: string;
  toolVersion: string;
  subjects: SubjectInput[];
  findings: readonly Finding[];
  errors?: readonly ReportError[];
  failOn: Severity;
  /** next steps the workflow knows of, before the ones that follow from the verdicts */
  next?: NextStep[];
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
  const split = splitNotices(input.findings);
  const findings = sortFindings(split.findings);
  const errors = [...(input.errors ?? [])].sort((a, b) => (a.subject + a.code).localeCompare(b.subject + b.code));
  const subjects = [...input.subjects]
    .sort((a, b) => a.name.localeCompare(b.name))
    .map(({ facts, ...s }): SubjectResult => {
      const result: SubjectResult = {
        ...s,
        verdict: verdictOf(
          findings.filter((f) => belongsTo(f, s.name)),
          input.failOn,
          errors.some((e) => belongsTo(e, s.name)),
        ),
      };
      if (facts && facts.length > 0) result.checks = facts.flatMap((x) => assessChecks(s.name, x, findings));
      return result;
    });
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
  if (split.notices.length > 0) report.notices = split.notices;
  const next = [...(input.next ?? []), ...nextSteps(input.command, subjects)];
  if (next.length > 0) report.next = next;
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
