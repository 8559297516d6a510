import { basename } from 'node:path';
import { Command } from 'commander';
import type { ManifestView } from '../../core/manifest-diff/view.js';
import { VetError } from '../../core/errors.js';
import { addOutputOptions, outputOptions } from '../common-options.js';
import { runAction } from '../run-action.js';
import { addPackageDiffOptions, isPackageDiff, looksLikePackageSpec, runPackageDiff } from './diff-packages.js';

/** `mcp-vet diff <before> <after>`: snapshot files or raw tools/list results, compared offline. */
export function diffCommand(): Command {
  const cmd = new Command('diff')
    .description(
      'compare two tool manifests offline (JSON files: mcp-vet snapshots, raw MCP tools/list results, bare or as a JSON-RPC response), or two published package versions from the registry (<pkg>@<a> <pkg>@<b>), and flag rug pulls.\n' +
        'Both sides are files, or both are package specs',
    )
    .argument('<before>', 'the approved side: a manifest JSON file, or <pkg>@<version>')
    .argument(
      '<after>',
      'the candidate side: a manifest JSON file, or <pkg>@<version> (usually the same package; registry signals need it)',
    );
  addOutputOptions(cmd);
  addPackageDiffOptions(cmd); // <pkg>@<a> <pkg>@<b>: package-level diff (diff-packages.ts)
  return cmd.action(
    runAction(async (beforeFile: string, afterFile: string, opts: Record<string, unknown>) => {
      if (isPackageDiff(beforeFile, afterFile)) return runPackageDiff(beforeFile, afterFile, opts);
      const spec = [beforeFile, afterFile].find(looksLikePackageSpec);
      if (spec)
        throw new VetError(
          'USAGE',
          `${spec} is a package spec and no file, but the other side is not: give two manifest files or two <pkg>@<version>`,
        );
      const out = outputOptions(opts);
      const { buildReport } = await import('../../core/report/report.js');
      const { readJsonFile } = await import('../../io/read-json-file.js');
      const { TOOL_VERSION } = await import('../../version.js');
      const { emitReport } = await import('../output.js');
      const { parseManifestInput } = await import('../../core/manifest-diff/input.js');
      const { reviewManifestChange } = await import('../../core/manifest-diff/review.js');
      const before = parseManifestInput(await readJsonFile(beforeFile), beforeFile);
      const after = parseManifestInput(await readJsonFile(afterFile), afterFile);
      const subject = subjectOf(before, after);
      const review = reviewManifestChange(
        before,
        after,
        subject.name === subject.at ? subject.name : `${subject.name}@${subject.at}`,
      );
      const report = buildReport({
        command: 'diff',
        toolVersion: TOOL_VERSION,
        subjects: [{ name: subject.name, from: subject.from, to: subject.at }],
        findings: review.findings,
        failOn: out.failOn,
      });
      return emitReport(report, out);
    }),
  );
}

/** The server's name when either file names it, else the file name; versions or file names as from/to. */
function subjectOf(before: ManifestView, after: ManifestView): { name: string; from: string; at: string } {
  const name = after.server?.name ?? before.server?.name ?? basename(after.label);
  const from = before.server?.version ?? basename(before.label);
  const at = after.server?.version ?? basename(after.label);
  return { name, from, at };
}
