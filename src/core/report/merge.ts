import { VetError } from '../errors.js';
import { catalogue } from '../findings/catalogue/index.js';
import type { Severity } from '../findings/severity.js';
import { buildReport, type Report } from './report.js';
import { ReportDocument } from './report-schema.js';

/** One JSON report to merge, parsed, with the file it came from (as shown in errors). */
export interface ReportSource {
  file: string;
  document: unknown;
}

/**
 * Checks that a parsed JSON document is an mcp-vet report (the published schema) whose finding
 * codes this version knows; the error names the file and the first bad field.
 */
export function reportFromDocument(source: ReportSource): Report {
  const parsed = ReportDocument.safeParse(source.document);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue ? `/${issue.path.map(String).join('/')}` : '/';
    throw new VetError(
      'INVALID_FILE',
      `${source.file}: not an mcp-vet JSON report (${field}: ${issue?.message ?? 'invalid'}); write shard reports with --format json or --also json=FILE`,
      { details: { file: source.file, field } },
    );
  }
  const unknown = parsed.data.findings.find((f) => !Object.prototype.hasOwnProperty.call(catalogue, f.code));
  if (unknown)
    throw new VetError(
      'INVALID_FILE',
      `${source.file}: unknown finding code ${unknown.code} (a report of another mcp-vet version?)`,
      { details: { file: source.file, field: 'findings' } },
    );
  // the codes are checked above: the document is a Report of this version
  return parsed.data as unknown as Report;
}

/**
 * Joins the reports of the shards of one run (`drift --shard I/N`) into one report with one verdict:
 * every subject, finding and error, sorted as in any report, the verdict computed again at
 * `failOn`. The reports must come from the same command and the same mcp-vet version, and no
 * subject may be in two of them (the same shard given twice, or shards of different splits).
 */
export function mergeReports(sources: readonly ReportSource[], failOn: Severity): Report {
  if (sources.length === 0) throw new VetError('USAGE', 'report merge: give at least one JSON report');
  const reports = sources.map((s) => ({ file: s.file, report: reportFromDocument(s) }));
  const first = reports[0]!;
  const owner = new Map<string, string>();
  for (const { file, report } of reports) {
    if (report.command !== first.report.command)
      throw new VetError(
        'INVALID_FILE',
        `report merge: ${file} is a report of "${report.command}", ${first.file} of "${first.report.command}"; only reports of one command can be merged`,
        { details: { file, field: '/command' } },
      );
    if (report.tool.version !== first.report.tool.version)
      throw new VetError(
        'INVALID_FILE',
        `report merge: ${file} was written by mcp-vet ${report.tool.version}, ${first.file} by ${first.report.tool.version}; run every shard with the same version`,
        { details: { file, field: '/tool/version' } },
      );
    for (const s of report.subjects) {
      const other = owner.get(s.name);
      if (other !== undefined)
        throw new VetError(
          'INVALID_FILE',
          `report merge: ${s.name} is in both ${other} and ${file} (the same shard twice, or shards of different runs?)`,
          { details: { file, field: '/subjects' } },
        );
      owner.set(s.name, file);
    }
  }
  return buildReport({
    command: first.report.command,
    toolVersion: first.report.tool.version,
    subjects: reports.flatMap(({ report }) => report.subjects.map(({ verdict: _v, ...rest }) => rest)),
    findings: reports.flatMap(({ report }) => report.findings),
    errors: reports.flatMap(({ report }) => report.errors ?? []),
    failOn,
  });
}
