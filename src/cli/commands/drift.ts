import { availableParallelism } from 'node:os';
import { Command } from 'commander';
import { parseShard } from '../../core/shard.js';
import { addOutputOptions, addRegistryOptions, addWorkspaceOptions, outputOptions } from '../common-options.js';
import { addPipelineOptions, concurrencyOption, pipelineOptions, portOptions } from '../pipeline-options.js';
import { runAction, withProgressEnded } from '../run-action.js';

export function driftCommand(): Command {
  const cmd = new Command('drift')
    .description(
      'nightly check of every pin: the pinned version again (bytes, closure, provenance, re-snapshot vs the stored manifest) and the newest version within policy',
    )
    .option('--all', 'verify every newer version within policy, not only the newest')
    .option('--concurrency <n>', 'pins checked at once', '4')
    .option(
      '--shard <i/n>',
      'check only shard I of N (e.g. 2/4) of the pins, for a CI matrix; a pin always lands in the same shard; join the JSON reports with `mcp-vet report merge`',
    );
  addWorkspaceOptions(cmd);
  addRegistryOptions(cmd);
  addPipelineOptions(cmd);
  addOutputOptions(cmd);
  return cmd.action(
    runAction(async (opts: Record<string, unknown>) => {
      const out = outputOptions(opts);
      const concurrency = concurrencyOption(opts['concurrency']);
      const shard = typeof opts['shard'] === 'string' ? parseShard(opts['shard']) : undefined;
      const { driftCheck } = await import('../../workflows/drift.js');
      const { makePorts } = await import('../make-ports.js');
      const { emitReport } = await import('../output.js');
      // Sandboxed server starts are CPU-bound: more at once than there are cores only adds memory.
      const ports = await makePorts({
        ...portOptions(opts),
        sandboxSlots: Math.min(concurrency, availableParallelism()),
      });
      const report = await withProgressEnded(ports, () =>
        driftCheck(ports, {
          all: opts['all'] === true,
          concurrency,
          failOn: out.failOn,
          ...(shard ? { shard } : {}),
          ...pipelineOptions(opts),
        }),
      );
      return emitReport(report, out);
    }),
  );
}
