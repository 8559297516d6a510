import { catalogueEntry } from '../findings/catalogue/index.js';
import { finding, type Finding } from '../findings/finding.js';
import { severityRank, type Severity } from '../findings/severity.js';
import type { AddedText } from '../manifest-diff/added-text.js';
import { clipText } from '../manifest-diff/word-diff.js';
import type { PoisonCode, PoisonContext, PoisonHit, PoisonRule } from './types.js';

const MAX_EVIDENCE = 5;

/**
 * Codes that judge what a piece of text asks of the model. At one location they describe one
 * span, so they are folded into one finding under the dominant (most severe) intent, with the
 * others kept in its evidence.
 */
const INTENT_CODES: ReadonlySet<PoisonCode> = new Set<PoisonCode>([
  'poison/model-directive',
  'poison/secrecy-directive',
  'poison/sensitive-path',
  'poison/secret-reference',
  'poison/hidden-instruction-markup',
  'poison/encoded-payload',
  'poison/security-downgrade',
  'poison/tool-shadowing',
  'poison/shell-command',
  'poison/host-modification',
  'poison/argument-override',
  'poison/exfiltration-instruction',
  'poison/new-url',
  'poison/new-email-address',
  'poison/new-phone-number',
  'poison/preference-manipulation',
  'poison/exfiltration-parameter',
]);

/** Rules whose findings are judged from the change alone; with no baseline they are at most medium. */
const CHANGE_ONLY: ReadonlySet<PoisonCode> = new Set<PoisonCode>([
  'poison/data-egress-channel',
  'poison/side-channel-parameter',
]);

export interface ScanOptions {
  /** Hit ids (`code:why` of a rule, or a signal pattern id) to leave out, for evaluation. */
  ablate?: ReadonlySet<string>;
}

/**
 * Runs the rules over the text a change adds. Hits of one code at one location become one finding,
 * at the highest severity among them, with the matched text as evidence; then the intent findings
 * of one location are folded into one.
 */
export function scanAddedText(
  rules: readonly PoisonRule[],
  items: readonly AddedText[],
  ctx: PoisonContext,
  subject: string,
  options: ScanOptions = {},
): Finding[] {
  const out: Finding[] = [];
  const phrase = new Set<Finding>();
  for (const rule of rules) {
    const judged = isFused(rule);
    const groups = new Map<string, { code: PoisonCode; hits: PoisonHit[] }>();
    for (const hit of rule.check(items, ctx)) {
      if (options.ablate && ablated(options.ablate, rule.code, hit)) continue;
      const code = hit.code ?? rule.code;
      const l = hit.item.location;
      const key = `${code}\u0000${l.kind}\u0000${l.name ?? ''}\u0000${l.pointer ?? ''}`;
      const group = groups.get(key) ?? { code, hits: [] };
      group.hits.push(hit);
      groups.set(key, group);
    }
    for (const { code, hits } of groups.values()) {
      const f = findingOf(code, hits, subject);
      if (!judged && INTENT_CODES.has(code) && hits.every((h) => h.signals === undefined)) phrase.add(f);
      if (CHANGE_ONLY.has(code) && ctx.beforeTools.size === 0 && severityRank(f.severity) > severityRank('medium'))
        f.severity = 'medium';
      out.push(f);
    }
  }
  return foldIntents(capPhrases(out, phrase));
}

function isFused(rule: PoisonRule): boolean {
  return (rule as { fused?: boolean }).fused === true;
}

/**
 * A phrase rule recognises wording; alone it is at most medium. It may rise above that only where
 * the fused judgement of the same location found a directive with its payload, and then no higher
 * than that judgement.
 */
function capPhrases(findings: Finding[], phrase: ReadonlySet<Finding>): Finding[] {
  const fusedAt = new Map<string, Severity>();
  const key = (f: Finding) =>
    `${f.location?.kind ?? ''}\u0000${f.location?.name ?? ''}\u0000${f.location?.pointer ?? ''}`;
  for (const f of findings) {
    if (phrase.has(f) || !INTENT_CODES.has(f.code as PoisonCode)) continue;
    const k = key(f);
    const had = fusedAt.get(k);
    if (!had || severityRank(f.severity) > severityRank(had)) fusedAt.set(k, f.severity);
  }
  return findings.map((f) => {
    if (!phrase.has(f)) return f;
    const fused = fusedAt.get(key(f));
    const cap: Severity = fused && severityRank(fused) > severityRank('medium') ? fused : 'medium';
    return severityRank(f.severity) > severityRank(cap) ? { ...f, severity: cap } : f;
  });
}

function ablated(ablate: ReadonlySet<string>, code: PoisonCode, hit: PoisonHit): boolean {
  if (ablate.has(`${code}:${hit.why}`)) return true;
  return hit.signals !== undefined && hit.signals.length > 0 && hit.signals.every((s) => ablate.has(s.pattern));
}

function findingOf(code: PoisonCode, hits: PoisonHit[], subject: string): Finding {
  const first = hits[0]!;
  const entry = catalogueEntry(code);
  const severity = hits.reduce<Severity>((s, h) => {
    const sev = h.severity ?? entry.severity;
    return severityRank(sev) > severityRank(s) ? sev : s;
  }, 'info');
  const top = hits.filter((h) => (h.severity ?? entry.severity) === severity);
  const matched = distinctMatches(top.map((h) => clipText(h.match, 200))).slice(0, MAX_EVIDENCE);
  const whys = [...new Set(top.map((h) => h.why))].slice(0, 3);
  const where =
    first.item.tool !== undefined
      ? `${first.item.tool}: `
      : first.item.location.name
        ? `${first.item.location.kind} ${first.item.location.name}: `
        : '';
  const evidence: Record<string, unknown> = {
    matched,
    field: first.item.field,
    rationale: whys.join('; '),
    change: first.item.whole ? 'added' : 'edited',
  };
  const signals = top.flatMap((h) => h.signals ?? []);
  if (signals.length > 0)
    evidence['signals'] = signals
      .slice(0, 8)
      .map((s) => ({ kind: s.kind, text: clipText(s.text, 120), pattern: s.pattern }));
  return finding(code, {
    subject,
    severity,
    message: `${where}${entry.title.toLowerCase()} (${whys.join('; ')}): ${JSON.stringify(matched[0] ?? '')}`,
    location: first.item.location,
    evidence,
  });
}

/** One intent finding per location: the most severe, with the others' codes in its evidence. */
function foldIntents(findings: Finding[]): Finding[] {
  const byLocation = new Map<string, Finding[]>();
  const rest: Finding[] = [];
  for (const f of findings) {
    if (!INTENT_CODES.has(f.code as PoisonCode)) {
      rest.push(f);
      continue;
    }
    const l = f.location;
    const key = `${l?.kind ?? ''}\u0000${l?.name ?? ''}\u0000${l?.pointer ?? ''}`;
    const list = byLocation.get(key) ?? [];
    list.push(f);
    byLocation.set(key, list);
  }
  for (const group of byLocation.values()) {
    const fused = (f: Finding) => (f.evidence as Record<string, unknown> | undefined)?.['signals'] !== undefined;
    const [lead, ...others] = [...group].sort(
      (a, b) => severityRank(b.severity) - severityRank(a.severity) || Number(fused(b)) - Number(fused(a)),
    );
    if (others.length > 0) {
      const evidence = { ...(lead!.evidence as Record<string, unknown>) };
      evidence['also'] = others.map((o) => ({
        code: o.code,
        severity: o.severity,
        rationale: (o.evidence as Record<string, unknown>)['rationale'],
      }));
      const also = [...new Set(others.map((o) => o.code).filter((c) => c !== lead!.code))];
      rest.push({
        ...lead!,
        message: also.length > 0 ? `${lead!.message} (also ${also.join(', ')})` : lead!.message,
        evidence,
      });
    } else rest.push(lead!);
  }
  return rest;
}

/** Matches in order, without one that overlaps an earlier one as a substring or superstring. */
function distinctMatches(matches: readonly string[]): string[] {
  const kept: string[] = [];
  for (const m of matches) {
    if (!kept.some((k) => k.includes(m) || m.includes(k))) kept.push(m);
  }
  return kept;
}
