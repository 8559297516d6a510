import type { Finding } from '../findings/finding.js';
import { md } from '../report/render-markdown.js';
import { escapeForTerminal } from '../text/escape.js';
import type { Manifest } from './format.js';

/**
 * Human views of a snapshot (`mcp-vet snapshot --format text|markdown`): the server, how it was
 * started, then every tool, prompt, resource and template with what it tells the model, and the
 * snapshot's findings. The JSON manifest stays the record; these are for reading. Every text the
 * server sent is escaped.
 */
export interface ManifestView {
  manifest: Manifest;
  findings: readonly Finding[];
}

interface Item {
  /** name or uri, with the parameters of a tool or the arguments of a prompt */
  head: string;
  /** title, name of a resource, mime type */
  detail?: string;
  description?: string;
}

interface Section {
  title: string;
  items: Item[];
}

export function renderManifestText(view: ManifestView): string {
  const { manifest } = view;
  const lines = [esc(headline(manifest)), ...probeLines(manifest).map((l) => `  ${esc(l)}`)];
  if (manifest.instructions) lines.push('', 'instructions:', ...indent(escBlock(manifest.instructions), '  '));
  for (const s of sections(manifest)) {
    lines.push('', `${s.title} (${s.items.length}):`);
    if (s.items.length === 0) lines.push('  (none)');
    for (const item of s.items) {
      lines.push(`  ${esc(item.head)}${item.detail ? ` (${esc(item.detail)})` : ''}`);
      if (item.description) lines.push(...indent(escBlock(item.description), '      '));
    }
  }
  lines.push('', `findings (${view.findings.length}):`);
  if (view.findings.length === 0) lines.push('  (none)');
  for (const f of view.findings) lines.push(`  ${f.severity.padEnd(8)} ${f.code}: ${esc(f.message)}`);
  return lines.join('\n') + '\n';
}

export function renderManifestMarkdown(view: ManifestView): string {
  const { manifest } = view;
  const out = [`## mcp-vet snapshot: ${md(headline(manifest))}`, ''];
  for (const l of probeLines(manifest)) out.push(`- ${md(l)}`);
  out.push('');
  if (manifest.instructions) out.push('### Instructions', '', md(manifest.instructions), '');
  for (const s of sections(manifest)) {
    out.push(`### ${s.title[0]!.toUpperCase()}${s.title.slice(1)} (${s.items.length})`, '');
    if (s.items.length === 0) out.push('(none)', '');
    for (const item of s.items) {
      const detail = item.detail ? ` (${md(item.detail)})` : '';
      const description = item.description ? `: ${md(item.description)}` : '';
      out.push(`- **${md(item.head)}**${detail}${description}`);
    }
    if (s.items.length > 0) out.push('');
  }
  out.push(`### Findings (${view.findings.length})`, '');
  if (view.findings.length === 0) out.push('(none)');
  for (const f of view.findings) out.push(`- **${f.severity}** \`${f.code}\`: ${md(f.message)}`);
  out.push('');
  return out.join('\n');
}

function headline(m: Manifest): string {
  const name = str(m.serverInfo['name']) ?? m.probe?.subject ?? 'server';
  const version = str(m.serverInfo['version']);
  const counts = [
    count(m.tools.length, 'tool'),
    count(m.prompts.length, 'prompt'),
    count(m.resources.length, 'resource'),
    count(m.resourceTemplates.length, 'resource template'),
  ];
  return `${name}${version ? ` ${version}` : ''}: ${counts.join(', ')}`;
}

function probeLines(m: Manifest): string[] {
  const lines = [`protocol ${m.protocolVersion}`];
  if (m.probe) {
    lines[0] += `, ${m.probe.transport}, started as ${m.probe.subject}`;
    const sb = m.probe.sandbox;
    const parts = [`active: ${sb.active.join(', ') || 'none'}`];
    if (sb.unavailable.length > 0) parts.push(`unavailable: ${sb.unavailable.join(', ')}`);
    if (sb.lifted && sb.lifted.length > 0) parts.push(`lifted: ${sb.lifted.join(', ')}`);
    lines.push(`sandbox ${parts.join('; ')}`);
  }
  if (m.lists) {
    const notListed = Object.entries(m.lists).filter(([, status]) => status !== 'listed');
    if (notListed.length > 0) lines.push(`not listed: ${notListed.map(([k, s]) => `${k} (${s})`).join(', ')}`);
  }
  if (m.digests) lines.push(`manifest digest ${m.digests.manifest}`);
  return lines;
}

function sections(m: Manifest): Section[] {
  return [
    {
      title: 'tools',
      items: m.tools.map((t) => item(`${t.name}(${parameters(t['inputSchema'])})`, str(t['title']), t['description'])),
    },
    {
      title: 'prompts',
      items: m.prompts.map((p) =>
        item(`${p.name}(${promptArguments(p['arguments'])})`, str(p['title']), p['description']),
      ),
    },
    {
      title: 'resources',
      items: m.resources.map((r) => item(r.uri, details(r['name'], r['mimeType']), r['description'])),
    },
    {
      title: 'resource templates',
      items: m.resourceTemplates.map((r) => item(r.uriTemplate, details(r['name'], r['mimeType']), r['description'])),
    },
  ];
}

function item(head: string, detail: string | undefined, description: unknown): Item {
  const out: Item = { head };
  if (detail) out.detail = detail;
  const d = str(description);
  if (d) out.description = d;
  return out;
}

/** `a: number, b?: string` from a JSON Schema's top-level properties; `?` marks optional ones. */
function parameters(schema: unknown): string {
  if (!isRecord(schema) || !isRecord(schema['properties'])) return '';
  const required = new Set(Array.isArray(schema['required']) ? schema['required'].filter(isString) : []);
  return Object.entries(schema['properties'])
    .map(([name, prop]) => {
      const type = isRecord(prop) ? typeText(prop['type']) : undefined;
      return `${name}${required.has(name) ? '' : '?'}${type ? `: ${type}` : ''}`;
    })
    .join(', ');
}

function promptArguments(args: unknown): string {
  if (!Array.isArray(args)) return '';
  return args
    .filter(isRecord)
    .map((a) => `${str(a['name']) ?? '?'}${a['required'] === true ? '' : '?'}`)
    .join(', ');
}

function typeText(type: unknown): string | undefined {
  if (isString(type)) return type;
  if (Array.isArray(type)) return type.filter(isString).join(' | ') || undefined;
  return undefined;
}

function details(...parts: unknown[]): string | undefined {
  const texts = parts.map(str).filter((p): p is string => p !== undefined);
  return texts.length > 0 ? texts.join(', ') : undefined;
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

function indent(lines: string[], prefix: string): string[] {
  return lines.map((l) => (l ? `${prefix}${l}` : l));
}

/** A multi-line text, escaped line by line (tabs and newlines kept, everything else made visible). */
function escBlock(text: string): string[] {
  return escapeForTerminal(text.replace(/\r\n?/g, '\n')).split('\n');
}

function esc(text: string): string {
  return escapeForTerminal(text, { singleLine: true });
}

function str(v: unknown): string | undefined {
  return typeof v === 'string' && v.length > 0 ? v : undefined;
}

function isString(v: unknown): v is string {
  return typeof v === 'string';
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}
