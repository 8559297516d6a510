import { catalogueEntry, type FindingCode } from './catalogue/index.js';
import { severityRank, type Severity } from './severity.js';

/** Where a finding points: a tool, a parameter, a file and line, a config entry… */
export interface FindingLocation {
  /** tool | prompt | resource | instructions | file | dependency | config | allowlist | package | provenance | server */
  kind: string;
  name?: string;
  /** JSON pointer inside the named thing, e.g. /inputSchema/properties/bcc */
  pointer?: string;
  /** A file path, relative to the workspace or package root. */
  file?: string;
  line?: number;
}

export interface Finding {
  code: FindingCode;
  severity: Severity;
  message: string;
  /** `name@version`, a config server id or a URL. */
  subject: string;
  location?: FindingLocation;
  evidence?: Record<string, unknown>;
}

export interface FindingInit {
  subject: string;
  message: string;
  severity?: Severity;
  location?: FindingLocation;
  evidence?: Record<string, unknown>;
}

/** Builds a finding with the catalogue's default severity unless one is given. */
export function finding(code: FindingCode, init: FindingInit): Finding {
  const f: Finding = {
    code,
    severity: init.severity ?? catalogueEntry(code).severity,
    message: init.message,
    subject: init.subject,
  };
  if (init.location) f.location = init.location;
  if (init.evidence) f.evidence = init.evidence;
  return f;
}

function locationKey(l: FindingLocation | undefined): string {
  if (!l) return '';
  return [l.kind, l.file ?? '', String(l.line ?? 0).padStart(9, '0'), l.name ?? '', l.pointer ?? ''].join('\u0000');
}

/** Deterministic order: subject, most severe first, code, location, message. */
export function compareFindings(a: Finding, b: Finding): number {
  return (
    cmp(a.subject, b.subject) ||
    severityRank(b.severity) - severityRank(a.severity) ||
    cmp(a.code, b.code) ||
    cmp(locationKey(a.location), locationKey(b.location)) ||
    cmp(a.message, b.message)
  );
}

export function sortFindings(findings: readonly Finding[]): Finding[] {
  return [...findings].sort(compareFindings);
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
