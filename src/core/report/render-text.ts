import { escapeForTerminal } from '../text/escape.js';
import { catalogueEntry } from '../findings/catalogue/index.js';
import type { Finding } from '../findings/finding.js';
import { atLeast, SEVERITIES } from '../findings/severity.js';
import type { Report, SubjectCheck, SubjectResult } from './report.js';
import { colorPalette, plainPalette, type Palette } from './colors.js';
import { groupFindings, itemLabel, type FindingGroup } from './groups.js';

export interface TextOptions {
  color: boolean;
  /** every item of every group, and the info findings, in full */
  verbose?: boolean;
}

const WIDTH = 110;

/**
 * Human view of a report: the verdict first; per subject which version was checked, what held,
 * and the findings grouped per kind, most severe first (a group of many is one line with its items
 * named; --verbose lists each); notices the registry caused, once; the command to run next.
 * Everything a server or registry sent is escaped.
 */
export function renderText(report: Report, options: TextOptions): string {
  const p = options.color ? colorPalette : plainPalette;
  const verbose = options.verbose === true;
  const lines: string[] = [headline(report, p)];
  for (const { subject, groups } of groupFindings(report)) {
    lines.push('');
    if (subject) lines.push(...subjectLines(subject, p));
    else lines.push(p.bold('other findings'));
    const shown = verbose ? groups : groups.filter((g) => g.severity !== 'info');
    for (const g of shown) lines.push(...groupLines(g, p, verbose));
    const info = groups.filter((g) => !shown.includes(g));
    if (info.length > 0) {
      const n = info.reduce((sum, g) => sum + g.items.length, 0);
      const kinds = info.map((g) => `${g.items.length} ${g.code}`).join(', ');
      lines.push(
        ...wrap(`  ${p.severity('info', 'info    ')} ${n} more: ${kinds} (--verbose shows them)`, '           '),
      );
    }
  }
  for (const e of report.errors ?? []) {
    lines.push(`${p.severity('high', 'error')} ${esc(e.subject)}: ${esc(e.message)} [${e.code}]`);
  }
  if (report.notices && report.notices.length > 0) {
    lines.push('', p.bold('not checked (the registry does not serve it), once for the run:'));
    for (const n of report.notices) {
      const reasons = n.reasons.length > 0 ? ` (${n.reasons.map((r) => esc(r)).join('; ')})` : '';
      lines.push(...wrap(`  ${n.message}; ${countOf(n.subjects.length, 'version')}${reasons}`, '    '));
      if (verbose) lines.push(...wrap(`    ${n.subjects.map((x) => esc(x)).join(', ')}`, '    '));
    }
  }
  if (report.next && report.next.length > 0) {
    lines.push('', p.bold('next:'));
    for (const n of report.next) lines.push(`  ${esc(n.command)}`, p.dim(`    ${esc(n.why)}`));
  }
  return lines.join('\n') + '\n';
}

function headline(report: Report, p: Palette): string {
  const s = report.summary;
  const counts = [...SEVERITIES]
    .reverse()
    .filter((sev) => s[sev] > 0)
    .map((sev) => `${sev} ${s[sev]}`);
  const subjects = countOf(report.subjects.length, 'subject');
  const what = counts.length > 0 ? `findings: ${counts.join(', ')}` : 'no findings';
  const errors = report.errors?.length ? `; ${countOf(report.errors.length, 'error')}` : '';
  return p.bold(`mcp-vet ${esc(report.command)}: ${report.verdict}`) + ` (${subjects}; ${what}${errors})`;
}

function subjectLines(subject: SubjectResult, p: Palette): string[] {
  const range =
    subject.from && subject.to && subject.from !== subject.to
      ? `${subject.from} -> ${subject.to}`
      : (subject.to ?? subject.from ?? '');
  const why = subject.candidate ? candidateText(subject) : '';
  const out = [p.bold(`${esc(subject.name)}${range ? ` ${esc(range)}` : ''}: ${subject.verdict}`) + why];
  const versions = [...new Set((subject.checks ?? []).map((c) => c.version))];
  for (const version of versions) {
    const checks = (subject.checks ?? []).filter((c) => c.version === version);
    const label = versions.length > 1 ? `${esc(version)}: ` : '';
    out.push(...wrap(`  ${label}${checksText(checks)}`, '    '));
  }
  return out;
}

function candidateText(subject: SubjectResult): string {
  const c = subject.candidate!;
  if (c.reason === 'pinned') return ` (no newer version within policy; ${esc(c.version)} checked again)`;
  if (c.reason === 'newest-within-policy') return ` (checked ${esc(c.version)}, the newest within policy)`;
  return '';
}

function checksText(checks: readonly SubjectCheck[]): string {
  const parts: string[] = [];
  const held = checks.filter((c) => c.status === 'held');
  if (held.length > 0) parts.push(`held: ${held.map(checkText).join(', ')}`);
  for (const status of ['failed', 'changed', 'not-checked'] as const) {
    const list = checks.filter((c) => c.status === status);
    if (list.length > 0)
      parts.push(`${status === 'not-checked' ? 'not checked' : status}: ${list.map(checkText).join(', ')}`);
  }
  return parts.join('; ');
}

function checkText(c: SubjectCheck): string {
  switch (c.name) {
    case 'up-to-date':
      return c.status === 'held' ? 'up to date' : esc(c.detail);
    case 'snapshot':
      return `snapshot (${esc(c.detail)})`;
    default:
      return `${c.name} (${esc(c.detail)})`;
  }
}

function groupLines(g: FindingGroup, p: Palette, verbose: boolean): string[] {
  const sev = p.severity(g.severity, g.severity.padEnd(8));
  const remedy = atLeast(g.severity, 'high')
    ? wrap(`           remedy: ${catalogueEntry(g.code).remedy}`, '           ')
    : [];
  if (g.items.length === 1) return [...findingLines(g.items[0]!, p, verbose), ...remedy];
  const head = `  ${sev} ${g.code} x${g.items.length}: ${catalogueEntry(g.code).title}`;
  if (verbose) {
    return [head, ...g.items.flatMap((f) => findingLines(f, p, true).map((l) => `  ${l}`)), ...remedy];
  }
  const labels = [...new Set(g.items.map((f) => esc(truncate(itemLabel(f), 80))))];
  return [head, ...wrapList(labels, '           ', 2), ...remedy];
}

function findingLines(f: Finding, p: Palette, verbose: boolean): string[] {
  const where = f.location ? ` (${locationText(f.location)})` : '';
  const out = [
    `  ${p.severity(f.severity, f.severity.padEnd(8))} ${f.code}${esc(where)}`,
    `           ${esc(f.message)}`,
  ];
  const diff = f.evidence?.['wordDiff'];
  if (Array.isArray(diff)) {
    out.push(`           ${diff.map((part) => wordPart(part, p)).join('')}`);
  } else if (f.evidence) {
    const extra: string[] = [];
    for (const [k, v] of Object.entries(f.evidence)) {
      if (k === 'stderr' && isLines(v)) continue;
      const text = typeof v === 'string' ? v : JSON.stringify(v);
      // the message already says it
      if (typeof v === 'string' && v.length > 0 && f.message.includes(v)) continue;
      extra.push(`           ${p.dim(`${k}:`)} ${esc(truncate(text, verbose ? 400 : 200))}`);
    }
    out.push(...(verbose || extra.length <= 3 ? extra : [...extra.slice(0, 3), `           … (--verbose shows all)`]));
    // a server's last stderr lines (a failed start): one per line, each escaped on its own
    const stderr = f.evidence['stderr'];
    if (isLines(stderr) && stderr.length > 0)
      out.push(
        `           ${p.dim(`stderr (last ${stderr.length} lines):`)}`,
        ...stderr.map((line) => `             ${esc(line)}`),
      );
  }
  return out;
}

function isLines(v: unknown): v is string[] {
  return Array.isArray(v) && v.every((x) => typeof x === 'string');
}

/** Names joined on lines of at most WIDTH, at most `maxLines` unless verbose; the rest counted. */
function wrapList(labels: readonly string[], indent: string, maxLines: number): string[] {
  const lines: string[] = [];
  let line = indent;
  for (let i = 0; i < labels.length; i++) {
    const piece = `${labels[i]}${i < labels.length - 1 ? ', ' : ''}`;
    if (line.length + piece.length > WIDTH && line !== indent) {
      if (lines.length + 1 === maxLines) {
        lines.push(`${line}… and ${labels.length - i} more (--verbose lists them)`);
        return lines;
      }
      lines.push(line.trimEnd());
      line = indent;
    }
    line += piece;
  }
  if (line !== indent) lines.push(line);
  return lines;
}

/** Wraps on spaces at WIDTH; continuation lines get `indent`. */
function wrap(text: string, indent: string): string[] {
  const out: string[] = [];
  let rest = text;
  while (rest.length > WIDTH) {
    const cut = rest.lastIndexOf(' ', WIDTH);
    if (cut <= indent.length) break;
    out.push(rest.slice(0, cut));
    rest = indent + rest.slice(cut + 1);
  }
  out.push(rest);
  return out;
}

function countOf(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
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
