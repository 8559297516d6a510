import { Command } from 'commander';
import { addOutputOptions, addRegistryOptions, addWorkspaceOptions, outputOptions } from '../common-options.js';
import { makeServices, makeWorkspace } from '../make-services.js';
import { emitReport, note } from '../output.js';
import { addPipelineOptions, concurrencyOption, pipelineOptions } from '../pipeline-options.js';
import { runAction } from '../run-action.js';

export function driftCommand(): Command {
  const cmd = new Command('drift')
    .description(
      'nightly check of every pin: the pinned version again (bytes, closure, provenance, re-snapshot vs the stored manifest) and the newest version within policy',
    )
    .option('--all', 'verify every newer version within policy, not only the newest')
    .option('--concurrency <n>', 'pins checked at once', '4');
  addWorkspaceOptions(cmd);
  addRegistryOptions(cmd);
  addPipelineOptions(cmd);
  addOutputOptions(cmd);
  return cmd.action(
    runAction(async (opts: Record<string, unknown>) => {
      const out = outputOptions(opts);
      const concurrency = concurrencyOption(opts['concurrency']);
      const { driftCheck } = await import('../../workflows/drift.js');
      const services = await makeServices(opts);
      const report = await driftCheck(services, makeWorkspace(opts), {
        all: opts['all'] === true,
        concurrency,
        failOn: out.failOn,
        ...pipelineOptions(opts),
        ...(process.stderr.isTTY ? { onProgress: (m: string) => note(m) } : {}),
      });
      return emitReport(report, out);
    }),
  );
}
