import type { Severity } from '../core/findings/severity.js';
import { mergeReports } from '../core/report/merge.js';
import type { Report } from '../core/report/report.js';
import { readJsonFile } from '../io/read-json-file.js';

/**
 * `mcp-vet report merge FILE…`: reads the JSON reports of the shards of one run and joins them
 * into one report (see mergeReports). A missing or invalid file is an error naming it (exit 2).
 */
export async function mergeReportFiles(files: readonly string[], failOn: Severity): Promise<Report> {
  const sources = [];
  for (const file of files) sources.push({ file, document: await readJsonFile(file) });
  return mergeReports(sources, failOn);
}
