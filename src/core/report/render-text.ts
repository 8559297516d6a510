import { escapeForTerminal } from '../text/escape.js';
import type { Finding } from '../findings/finding.js';
import { belongsTo, type Report } from './report.js';
import { colorPalette, plainPalette, type Palette } from './colors.js';

export interface TextOptions {
  color: boolean;
}

/** Human view of a report, grouped by subject. Everything a server or registry sent is escaped. */
export function renderText(report: Report, options: TextOptions): string {
  const p = options.color ? colorPalette : plainPalette;
  const lines: string[] = [];
  const shown = new Set<Finding>();
  for (const subject of report.subjects) {
    const range =
      subject.from && subject.to && subject.from !== subject.to
        ? `${subject.from} -> ${subject.to}`
        : (subject.to ?? subject.from ?? '');
    lines.push(p.bold(`${esc(subject.name)}${range ? ` ${esc(range)}` : ''}: ${subject.verdict}`));
    for (const f of report.findings.filter((x) => belongsTo(x, subject.name))) {
      shown.add(f);
      lines.push(...findingLines(f, p));
    }
  }
  const rest = report.findings.filter((f) => !shown.has(f));
  if (rest.length > 0) {
    lines.push(p.bold('other findings'));
    for (const f of rest) lines.push(...findingLines(f, p));
  }
  for (const e of report.errors ?? []) {
    lines.push(`${p.severity('high', 'error')} ${esc(e.subject)}: ${esc(e.message)} [${e.code}]`);
  }
  const s = report.summary;
  lines.push(
    `verdict: ${report.verdict} (critical ${s.critical}, high ${s.high}, medium ${s.medium}, low ${s.low}, info ${s.info})`,
  );
  return lines.join('\n') + '\n';
}

function findingLines(f: Finding, p: Palette): string[] {
  const where = f.location ? ` (${locationText(f.location)})` : '';
  const out = [
    `  ${p.severity(f.severity, f.severity.padEnd(8))} ${f.code}${esc(where)}`,
    `           ${esc(f.message)}`,
  ];
  const diff = f.evidence?.['wordDiff'];
  if (Array.isArray(diff)) {
    out.push(`           ${diff.map((part) => wordPart(part, p)).join('')}`);
  } else if (f.evidence) {
    for (const [k, v] of Object.entries(f.evidence)) {
      const text = typeof v === 'string' ? v : JSON.stringify(v);
      // the message already says it
      if (typeof v === 'string' && v.length > 0 && f.message.includes(v)) continue;
      out.push(`           ${p.dim(`${k}:`)} ${esc(truncate(text, 400))}`);
    }
  }
  return out;
}

function wordPart(part: unknown, p: Palette): string {
  if (!part || typeof part !== 'object') return '';
  const { value, added, removed } = part as { value?: unknown; added?: boolean; removed?: boolean };
  const text = esc(typeof value === 'string' ? value : '', true);
  if (added) return p.added(`{+${text}+}`);
  if (removed) return p.removed(`[-${text}-]`);
  return text;
}

function locationText(l: NonNullable<Finding['location']>): string {
  const parts = [l.kind];
  if (l.name) parts.push(l.name);
  if (l.file) parts.push(l.line ? `${l.file}:${l.line}` : l.file);
  if (l.pointer) parts.push(l.pointer);
  return parts.join(' ');
}

function esc(s: string, singleLine = true): string {
  return escapeForTerminal(s, { singleLine });
}

function truncate(s: string, max: number): string {
  return s.length > max ? `${s.slice(0, max)}… (${s.length - max} more characters)` : s;
}
