import { catalogueEntry } from '../findings/catalogue/index.js';
import { finding, type Finding } from '../findings/finding.js';
import { severityRank, type Severity } from '../findings/severity.js';
import type { AddedText } from '../manifest-diff/added-text.js';
import { clipText } from '../manifest-diff/word-diff.js';
import type { PoisonContext, PoisonHit, PoisonRule } from './types.js';

const MAX_EVIDENCE = 5;

/**
 * Runs the rules over the text a change adds. Hits of one rule at one location become one finding,
 * at the highest severity among them, with the matched text as evidence.
 */
export function scanAddedText(
  rules: readonly PoisonRule[],
  items: readonly AddedText[],
  ctx: PoisonContext,
  subject: string,
): Finding[] {
  const out: Finding[] = [];
  for (const rule of rules) {
    const groups = new Map<string, PoisonHit[]>();
    for (const hit of rule.check(items, ctx)) {
      const l = hit.item.location;
      const key = `${l.kind}\u0000${l.name ?? ''}\u0000${l.pointer ?? ''}`;
      const list = groups.get(key) ?? [];
      list.push(hit);
      groups.set(key, list);
    }
    for (const hits of groups.values()) {
      const first = hits[0]!;
      const severity = hits.reduce<Severity>((s, h) => {
        const sev = h.severity ?? catalogueEntry(rule.code).severity;
        return severityRank(sev) > severityRank(s) ? sev : s;
      }, 'info');
      const top = hits.filter((h) => (h.severity ?? catalogueEntry(rule.code).severity) === severity);
      const matched = distinctMatches(top.map((h) => clipText(h.match, 200))).slice(0, MAX_EVIDENCE);
      const whys = [...new Set(top.map((h) => h.why))].slice(0, 3);
      const where =
        first.item.tool !== undefined
          ? `${first.item.tool}: `
          : first.item.location.name
            ? `${first.item.location.kind} ${first.item.location.name}: `
            : '';
      out.push(
        finding(rule.code, {
          subject,
          severity,
          message: `${where}${catalogueEntry(rule.code).title.toLowerCase()} (${whys.join('; ')}): ${JSON.stringify(matched[0] ?? '')}`,
          location: first.item.location,
          evidence: {
            matched,
            field: first.item.field,
            rationale: whys.join('; '),
            change: first.item.whole ? 'added' : 'edited',
          },
        }),
      );
    }
  }
  return out;
}

/** Matches in order, without one that overlaps an earlier one as a substring or superstring. */
function distinctMatches(matches: readonly string[]): string[] {
  const kept: string[] = [];
  for (const m of matches) {
    if (!kept.some((k) => k.includes(m) || m.includes(k))) kept.push(m);
  }
  return kept;
}
