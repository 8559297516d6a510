import { catalogueEntry, type FindingCode } from '../findings/catalogue/index.js';
import type { Finding } from '../findings/finding.js';

/**
 * Something the registry cannot serve, said once per run: it leaves a check undone for every
 * subject listed, but it is a property of the registry (a mirror without attestations, without the
 * advisory endpoint, without maintainers), not of any server, so it does not turn each pin to review.
 */
export interface Notice {
  code: FindingCode;
  message: string;
  /** the versions the check could not be made for */
  subjects: string[];
  /** what the registry answered, each distinct reason once */
  reasons: string[];
}

/** Capability gaps and what each leaves unchecked. */
const GAPS: Partial<Record<FindingCode, string>> = {
  'provenance/unavailable': 'the registry serves no attestations: provenance could not be checked',
  'package/advisories-unavailable': 'the registry serves no advisories: known vulnerabilities could not be checked',
  'package/maintainers-unavailable':
    'the registry serves no maintainers or publisher: ownership changes could not be seen',
};

/**
 * Splits the capability-gap findings from the rest. A gap raised above its catalogue severity
 * (provenance was pinned or is required) stays a finding: then it is about that server.
 */
export function splitNotices(findings: readonly Finding[]): { findings: Finding[]; notices: Notice[] } {
  const rest: Finding[] = [];
  const byCode = new Map<FindingCode, Finding[]>();
  for (const f of findings) {
    const gap = GAPS[f.code];
    if (gap === undefined || f.severity !== catalogueEntry(f.code).severity) rest.push(f);
    else byCode.set(f.code, [...(byCode.get(f.code) ?? []), f]);
  }
  const notices = [...byCode]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([code, list]) => ({
      code,
      message: GAPS[code]!,
      subjects: [...new Set(list.map((f) => f.subject))].sort(),
      reasons: [...new Set(list.flatMap(reasonOf))].sort(),
    }));
  return { findings: rest, notices };
}

function reasonOf(f: Finding): string[] {
  const reason = f.evidence?.['reason'];
  return typeof reason === 'string' ? [reason] : [];
}
