import { Command } from 'commander';
import { addOutputOptions, outputOptions } from '../common-options.js';
import { runAction } from '../run-action.js';

export function reportCommand(): Command {
  const merge = new Command('merge')
    .description(
      'join the JSON reports of the shards of one run (drift --shard I/N) into one report with one verdict, in any format',
    )
    .argument('<files...>', 'JSON reports (--format json or --also json=FILE) of the same command and mcp-vet version');
  addOutputOptions(merge);
  merge.action(
    runAction(async (files: string[], opts: Record<string, unknown>) => {
      const out = outputOptions(opts);
      const { mergeReportFiles } = await import('../../workflows/report-merge.js');
      const { emitReport } = await import('../output.js');
      return emitReport(await mergeReportFiles(files, out.failOn), out);
    }),
  );
  return new Command('report').description('work with reports written by other runs').addCommand(merge);
}
