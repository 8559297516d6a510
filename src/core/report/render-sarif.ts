import { createHash } from 'node:crypto';
import { canonicalJson } from '../canonical-json.js';
import { catalogueEntry, type FindingCode } from '../findings/catalogue/index.js';
import type { Finding } from '../findings/finding.js';
import type { Severity } from '../findings/severity.js';
import type { Report } from './report.js';

const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';

/** SARIF levels: error blocks, warning needs review, note is informational. */
export function sarifLevel(s: Severity): 'error' | 'warning' | 'note' {
  if (s === 'critical' || s === 'high') return 'error';
  if (s === 'medium') return 'warning';
  return 'note';
}

/** GitHub code scanning reads `security-severity` (0-10) to rank results. */
const SECURITY_SEVERITY: Record<Severity, string> = {
  critical: '9.5',
  high: '8.0',
  medium: '5.5',
  low: '3.0',
  info: '0.0',
};

/**
 * SARIF 2.1.0: one run, rules from the catalogue (`mcp-vet/<code>`) for the codes present, results
 * in the report's order with a stable fingerprint (code, subject, location, matched text), so that
 * code-scanning tools track a finding across runs.
 */
export function renderSarif(report: Report): string {
  const codes = [...new Set(report.findings.map((f) => f.code))].sort();
  const ruleIndex = new Map(codes.map((c, i) => [c, i]));
  const rules = codes.map((code) => ruleOf(code));
  const subjectFiles = report.subjects.filter((s) => s.file).map((s) => [s.name, s.file!] as const);
  const fileOf = (f: Finding) =>
    subjectFiles.find(([name]) => f.subject === name || f.subject.startsWith(`${name}@`))?.[1];
  const results = report.findings.map((f) => resultOf(f, ruleIndex.get(f.code) ?? 0, fileOf(f)));
  const sarif = {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'mcp-vet',
            version: report.tool.version,
            rules,
          },
        },
        automationDetails: { id: `mcp-vet/${report.command}/` },
        // What the registry could not serve: a notification of the run, not a result about the code.
        invocations: [
          {
            executionSuccessful: !(report.errors && report.errors.length > 0),
            toolExecutionNotifications: (report.notices ?? []).map((n) => ({
              descriptor: { id: `mcp-vet/${n.code}` },
              level: 'note',
              message: {
                text: `${n.message}: ${n.subjects.join(', ')}${n.reasons.length ? ` (${n.reasons.join('; ')})` : ''}`,
              },
            })),
          },
        ],
        results,
        properties: { verdict: report.verdict, summary: report.summary },
      },
    ],
  };
  return canonicalJson(sarif);
}

function ruleOf(code: FindingCode) {
  const e = catalogueEntry(code);
  return {
    id: `mcp-vet/${code}`,
    name: code.replace(/[/-](\w)/g, (_m, c: string) => c.toUpperCase()).replace(/^\w/, (c) => c.toUpperCase()),
    shortDescription: { text: e.title },
    fullDescription: { text: e.explanation },
    help: { text: `${e.explanation}\n\nRemedy: ${e.remedy}`, markdown: `${e.explanation}\n\n**Remedy:** ${e.remedy}` },
    defaultConfiguration: { level: sarifLevel(e.severity) },
    properties: {
      tags: ['security', code.split('/')[0] ?? 'mcp-vet'],
      'security-severity': SECURITY_SEVERITY[e.severity],
    },
  };
}

/**
 * The physical location is a file of the user's repository: the client config a config finding
 * points at, else the allowlist entry of the subject. A file inside a package (kind `file`) is not
 * in the repository, so it is a logical location (`pkg@1.1.0/file/lib/mail.js:10`).
 */
function resultOf(f: Finding, ruleIndex: number, subjectFile: string | undefined) {
  const l = f.location;
  const inPackage = l?.kind === 'file';
  const packageFile = inPackage && l?.file ? (l.line ? `${l.file}:${l.line}` : l.file) : undefined;
  const logical = [f.subject, l?.kind, packageFile ?? l?.name]
    .filter((x): x is string => typeof x === 'string' && x !== '')
    .join('/');
  const repoFile =
    !inPackage && l?.file
      ? { uri: l.file, line: l.line }
      : subjectFile
        ? { uri: subjectFile, line: undefined }
        : undefined;
  const result: Record<string, unknown> = {
    ruleId: `mcp-vet/${f.code}`,
    ruleIndex,
    level: sarifLevel(f.severity),
    message: { text: f.message },
    locations: [
      {
        logicalLocations: [
          {
            fullyQualifiedName: l?.pointer ? `${logical}#${l.pointer}` : logical,
            kind: l?.kind === 'tool' ? 'function' : 'module',
          },
        ],
        ...(repoFile
          ? {
              physicalLocation: {
                artifactLocation: { uri: encodeURI(repoFile.uri) },
                ...(repoFile.line ? { region: { startLine: repoFile.line } } : {}),
              },
            }
          : {}),
      },
    ],
    partialFingerprints: { 'mcpVetFinding/v1': fingerprint(f) },
    properties: { severity: f.severity, subject: f.subject, ...(f.evidence ? { evidence: f.evidence } : {}) },
  };
  return result;
}

/** Stable across runs and machines: no message text (it may be reworded), no timestamps. */
function fingerprint(f: Finding): string {
  const l = f.location;
  const matched = Array.isArray(f.evidence?.['matched']) ? String((f.evidence['matched'] as unknown[])[0] ?? '') : '';
  const key = [
    f.code,
    f.subject.replace(/@[^@/]*$/, ''),
    l?.kind ?? '',
    l?.name ?? '',
    l?.pointer ?? '',
    l?.file ?? '',
    matched,
  ].join('\u0000');
  return createHash('sha256').update(key).digest('hex').slice(0, 32);
}
