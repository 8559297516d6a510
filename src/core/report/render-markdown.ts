import { catalogueEntry } from '../findings/catalogue/index.js';
import type { Finding } from '../findings/finding.js';
import { SEVERITIES, severityRank } from '../findings/severity.js';
import { belongsTo, type Report } from './report.js';

/**
 * Markdown for pull requests and job summaries: a verdict line, a summary table per subject, then
 * one <details> section per subject with the findings, most severe first. Everything a server sent
 * is escaped so it cannot inject markup, links or HTML.
 */
export function renderMarkdown(report: Report): string {
  const out: string[] = [];
  out.push(`## mcp-vet ${md(report.command)}: ${verdictBadge(report.verdict)}`, '');
  const severities = [...SEVERITIES].reverse();
  out.push(
    `| subject | change | verdict | ${severities.join(' | ')} |`,
    `|---|---|---|${severities.map(() => '---:').join('|')}|`,
  );
  const groups = report.subjects.map((s) => ({ s, findings: report.findings.filter((f) => belongsTo(f, s.name)) }));
  const grouped = new Set(groups.flatMap((g) => g.findings));
  const rest = report.findings.filter((f) => !grouped.has(f));
  for (const { s, findings } of groups) {
    const change = s.from && s.to && s.from !== s.to ? `${s.from} → ${s.to}` : (s.to ?? s.from ?? '');
    out.push(
      `| ${md(s.name)} | ${md(change)} | ${s.verdict} | ${severities.map((sev) => String(findings.filter((f) => f.severity === sev).length)).join(' | ')} |`,
    );
  }
  if (rest.length > 0)
    out.push(
      `| (other) | | | ${severities.map((sev) => String(rest.filter((f) => f.severity === sev).length)).join(' | ')} |`,
    );
  out.push('');
  for (const { s, findings } of groups) {
    if (findings.length > 0) out.push(...section(s.name, findings, s.verdict !== 'pass'));
  }
  if (rest.length > 0) out.push(...section('other findings', rest, true));
  for (const e of report.errors ?? []) out.push(`> **error** ${md(e.subject)}: ${md(e.message)} \`${e.code}\``, '');
  for (const s of report.subjects) {
    const held = (s.checks ?? []).filter((c) => c.status === 'held');
    if (held.length > 0)
      out.push(
        `${md(s.name)}: held: ${held.map((c) => `${c.name} (${md(c.detail)}) at ${md(c.version)}`).join(', ')}`,
        '',
      );
  }
  if (report.notices && report.notices.length > 0) {
    out.push('**Not checked** (the registry does not serve it):', '');
    for (const n of report.notices)
      out.push(
        `- ${md(n.message)}: ${n.subjects.length} version(s)${n.reasons.length ? ` (${md(n.reasons.join('; '))})` : ''}`,
      );
    out.push('');
  }
  if (report.next && report.next.length > 0) {
    out.push('**Next:**', '');
    for (const n of report.next) out.push(`- \`${n.command.replace(/`/g, "'")}\`: ${md(n.why)}`);
    out.push('');
  }
  const t = report.summary;
  out.push(
    `Verdict **${report.verdict}**: critical ${t.critical}, high ${t.high}, medium ${t.medium}, low ${t.low}, info ${t.info}.`,
    '',
  );
  return out.join('\n');
}

function section(title: string, findings: readonly Finding[], open: boolean): string[] {
  const out = [
    `<details${open ? ' open' : ''}>`,
    `<summary><strong>${html(title)}</strong>: ${findings.length} finding(s)</summary>`,
    '',
  ];
  const sorted = [...findings].sort((a, b) => severityRank(b.severity) - severityRank(a.severity));
  for (const f of sorted) {
    const where = f.location
      ? ` — ${md([f.location.kind, f.location.name, f.location.pointer].filter(Boolean).join(' '))}`
      : '';
    out.push(`- **${f.severity}** \`${f.code}\`${where}: ${md(f.message)}`);
    const diff = f.evidence?.['wordDiff'];
    if (Array.isArray(diff)) {
      out.push(`  <br>${diff.map((p) => wordPart(p)).join('')}`);
    } else if (Array.isArray(f.evidence?.['matched'])) {
      out.push(
        `  <br>matched: ${(f.evidence['matched'] as unknown[]).map((m) => `<code>${html(String(m))}</code>`).join(', ')}`,
      );
    }
    if (severityRank(f.severity) >= severityRank('high')) out.push(`  <br>_${md(catalogueEntry(f.code).remedy)}_`);
  }
  out.push('', '</details>', '');
  return out;
}

function wordPart(part: unknown): string {
  if (!part || typeof part !== 'object') return '';
  const { value, added, removed } = part as { value?: unknown; added?: boolean; removed?: boolean };
  const text = html(typeof value === 'string' ? value : '');
  if (added) return `<ins>${text}</ins>`;
  if (removed) return `<del>${text}</del>`;
  return text;
}

function verdictBadge(v: Report['verdict']): string {
  return v === 'block' ? '**block**' : v === 'review' ? '**review**' : 'pass';
}

/** Escapes Markdown and HTML; controls and invisible characters become visible \u{…} escapes. */
export function md(text: string): string {
  return html(text).replace(/([\\`*_[\]{}()#+!|~])/g, '\\$1');
}

function html(text: string): string {
  return visible(text).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\r?\n/g, ' ');
}

function visible(text: string): string {
  const clipped = text.length > 2_000 ? `${text.slice(0, 2_000)}… (${text.length - 2_000} more characters)` : text;
  return clipped.replace(
    /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u00ad\u061c\u180e\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g,
    (ch) => `\\u{${(ch.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}}`,
  );
}
