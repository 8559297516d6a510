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

const WIDTH = 120;
/** a last continuation at most this long takes words before it along */
const WIDOW = 24;

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
    const shown = verbose ? groups : groups.filter((g) => g.severity !== 'info');
    const info = groups.filter((g) => !shown.includes(g));
    const infoCount = info.reduce((sum, g) => sum + g.items.length, 0);
    // a subject with nothing above info says so in its own line: its state fits two lines
    const folded = subject !== undefined && shown.length === 0 && infoCount > 0;
    if (subject) lines.push(...subjectLines(subject, p, verbose, folded ? infoCount : 0));
    else lines.push(p.bold('other findings'));
    for (const g of shown) lines.push(...groupLines(g, p, verbose));
    if (info.length > 0 && !folded) {
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

function subjectLines(subject: SubjectResult, p: Palette, verbose: boolean, foldedInfo: number): string[] {
  const range =
    subject.from && subject.to && subject.from !== subject.to
      ? `${subject.from} -> ${subject.to}`
      : (subject.to ?? subject.from ?? '');
  const notes = [subject.candidate ? candidateText(subject) : ''];
  if (foldedInfo > 0) notes.push(`${foldedInfo} info: --verbose`);
  const why = notes.filter((n) => n !== '').join('; ');
  const head = p.bold(`${esc(subject.name)}${range ? ` ${esc(range)}` : ''}: ${subject.verdict}`);
  const out = wrap(head + (why ? ` (${why})` : ''), '    ');
  // "up to date" is in the head already when the pinned version was the one checked
  const upToDate = subject.candidate?.reason === 'pinned';
  const all = (subject.checks ?? []).filter((c) => !(upToDate && c.name === 'up-to-date' && c.status === 'held'));
  const versions = [...new Set(all.map((c) => c.version))];
  for (const version of versions) {
    const checks = all.filter((c) => c.version === version);
    const label = versions.length > 1 ? `${esc(version)}: ` : '';
    out.push(...wrap(`  ${label}${checksText(checks, verbose)}`, '    '));
  }
  return out;
}

function candidateText(subject: SubjectResult): string {
  const c = subject.candidate!;
  if (c.reason === 'pinned') return `up to date, ${esc(c.version)} checked again`;
  if (c.reason === 'newest-within-policy') return `checked ${esc(c.version)}, the newest within policy`;
  return '';
}

function checksText(checks: readonly SubjectCheck[], verbose: boolean): string {
  const text = verbose ? checkText : shortCheckText;
  const parts: string[] = [];
  const held = checks.filter((c) => c.status === 'held');
  if (held.length > 0) parts.push(`held: ${held.map(text).join(', ')}`);
  for (const status of ['failed', 'changed', 'not-checked'] as const) {
    const list = checks.filter((c) => c.status === status);
    if (list.length > 0)
      parts.push(`${status === 'not-checked' ? 'not checked' : status}: ${list.map(text).join(', ')}`);
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

/**
 * The same in few words: a check that held needs no explanation beyond its count, and what the
 * registry could not serve is said once, in the notices.
 */
function shortCheckText(c: SubjectCheck): string {
  if (c.status === 'not-checked') return c.name;
  if (c.name === 'closure' && c.status === 'changed')
    return `closure (${esc(c.detail.replace(/^(\d+) version-changed of (\d+) packages$/, '$1 of $2 packages'))})`;
  if (c.status !== 'held') return checkText(c);
  switch (c.name) {
    case 'bytes':
    case 'provenance':
      return c.detail === 'verified' || c.name === 'bytes' ? c.name : `${c.name} (${esc(c.detail)})`;
    case 'closure':
      return `closure (${esc(c.detail.replace(/^identical \((\d+) packages\)$/, '$1 packages identical'))})`;
    case 'manifest':
      return c.detail === 'unchanged' ? 'manifest' : `manifest (${esc(c.detail)})`;
    case 'snapshot':
      return esc(c.detail.replace(/^each of (\d+) starts identical$/, '$1 identical starts'));
    default:
      return checkText(c);
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
    ...wrap(`           ${esc(f.message)}`, '           '),
  ];
  const diff = f.evidence?.['wordDiff'];
  if (Array.isArray(diff)) {
    out.push(`           ${diff.map((part) => wordPart(part, p)).join('')}`);
  } else if (f.evidence && (verbose || f.location?.kind !== 'dependency')) {
    // a closure finding's message names the change, its age and its first signal; the rest is for --verbose
    const extra: string[] = [];
    for (const [k, v] of Object.entries(f.evidence)) {
      if (k === 'stderr' && isLines(v)) continue;
      const text = typeof v === 'string' ? v : JSON.stringify(v);
      // the message already says it (a `name@version` as `name version`), or a flag only JSON needs
      if (!verbose && typeof v === 'boolean') continue;
      if (typeof v === 'string' && v.length > 0 && saysAlready(f.message, v)) continue;
      if (Array.isArray(v) && v.length > 0 && v.every((x) => typeof x === 'string' && f.message.includes(x))) continue;
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
    let cut = cutAt(rest, WIDTH);
    // no widow: a short last line ("--verbose)") takes its clause along
    if (rest.length - cut <= WIDOW) cut = widowCut(rest, cut, indent.length + WIDTH / 2);
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

function saysAlready(message: string, value: string): boolean {
  if (message.includes(value)) return true;
  const at = value.lastIndexOf('@');
  return at > 0 && message.includes(`${value.slice(0, at)} `) && message.includes(value.slice(at + 1));
}

/**
 * A cut that leaves more than a short tail: after the last `; ` or `, ` before `cut` (a clause
 * moves down whole), else a word or more earlier; never before `min`.
 */
function widowCut(text: string, cut: number, min: number): number {
  let inCode = false;
  let clause = -1;
  for (let i = 0; i < cut; i++) {
    if (text[i] === '`') inCode = !inCode;
    else if (!inCode && text[i] === ' ' && (text[i - 1] === ';' || text[i - 1] === ',')) clause = i;
  }
  if (clause > min) return clause;
  let at = cut;
  while (text.length - at <= WIDOW) {
    const earlier = cutAt(text, at - 1);
    // a long word (a URL) stays where it is
    if (earlier <= min || cut - earlier > WIDOW) break;
    at = earlier;
  }
  return at;
}

/** The last space before `width` outside a `command` (so it copies whole), else the last space. */
function cutAt(text: string, width: number): number {
  let last = -1;
  let outside = -1;
  let inCode = false;
  for (let i = 0; i <= width && i < text.length; i++) {
    if (text[i] === '`') inCode = !inCode;
    else if (text[i] === ' ') {
      last = i;
      if (!inCode) outside = i;
    }
  }
  return outside > width / 2 ? outside : last;
}
