import type { FindingCode } from '../findings/catalogue/index.js';
import type { Finding } from '../findings/finding.js';
import { severityRank, type Severity } from '../findings/severity.js';
import { belongsTo, type Report } from './report.js';

/** Findings of one kind and severity about one subject: "84 transitive packages added". */
export interface FindingGroup {
  code: FindingCode;
  severity: Severity;
  items: Finding[];
}

export interface SubjectGroups {
  /** the report subject, or undefined for findings that belong to none */
  subject?: Report['subjects'][number];
  groups: FindingGroup[];
}

/** Groups per subject, then per code and severity, most severe first; item order as in the report. */
export function groupFindings(report: Report): SubjectGroups[] {
  const claimed = new Set<Finding>();
  const out: SubjectGroups[] = report.subjects.map((subject) => {
    const own = report.findings.filter((f) => !claimed.has(f) && belongsTo(f, subject.name));
    own.forEach((f) => claimed.add(f));
    return { subject, groups: groupList(own) };
  });
  const rest = report.findings.filter((f) => !claimed.has(f));
  if (rest.length > 0) out.push({ groups: groupList(rest) });
  return out;
}

export function groupList(findings: readonly Finding[]): FindingGroup[] {
  const byKey = new Map<string, FindingGroup>();
  for (const f of findings) {
    const key = `${f.code}\u0000${f.severity}`;
    const g = byKey.get(key);
    if (g) g.items.push(f);
    else byKey.set(key, { code: f.code, severity: f.severity, items: [f] });
  }
  return [...byKey.values()].sort(
    (a, b) => severityRank(b.severity) - severityRank(a.severity) || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0),
  );
}

/** A short name for one item of a group: the package, tool or file it is about. */
export function itemLabel(f: Finding): string {
  const pkg = f.evidence?.['package'];
  if (typeof pkg === 'string') return pkg;
  const l = f.location;
  if (l?.name && l.kind !== 'package' && l.kind !== 'server') return l.file ? `${l.name} ${l.file}` : l.name;
  if (l?.file) return l.line ? `${l.file}:${l.line}` : l.file;
  return f.message;
}
