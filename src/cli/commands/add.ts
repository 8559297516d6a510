import { Command } from 'commander';
import { VetError } from '../../core/errors.js';
import { addOutputOptions, addRegistryOptions, addWorkspaceOptions, outputOptions } from '../common-options.js';
import { approver } from '../git-user.js';
import { makeServices, makeWorkspace } from '../make-services.js';
import { emitReport, note } from '../output.js';
import { addPipelineOptions, pipelineOptions } from '../pipeline-options.js';
import { runAction } from '../run-action.js';

const collect = (value: string, previous: string[]) => [...previous, value];

export function addCommand(): Command {
  const cmd = new Command('add')
    .description('verify, lock and pin an MCP server published on npm: <pkg>[@<version|range|tag>]')
    .argument('<spec>', 'package spec')
    .option(
      '--arg <value>',
      'argument the server is started with (repeatable; ${WORKSPACE} is a sandbox folder)',
      collect,
      [],
    )
    .option(
      '--env <name>',
      'environment variable the server needs (repeatable; the name only, never a value)',
      collect,
      [],
    )
    .option('--bin <name>', 'which bin of the package starts the server')
    .option('--updates <range>', 'semver range of updates that drift considers (policy.updates)')
    .option('--min-release-age <days>', 'refuse candidates younger than this (policy.minReleaseAgeDays)')
    .option('--by <who>', 'who approves (default: git user)')
    .option('--note <text>', 'why it is approved');
  addWorkspaceOptions(cmd);
  addRegistryOptions(cmd);
  addPipelineOptions(cmd);
  cmd.option('--require-provenance', 'refuse versions without verified provenance (policy.requireProvenance)');
  addOutputOptions(cmd);
  return cmd.action(
    runAction(async (spec: string, opts: Record<string, unknown>) => {
      const { addServer } = await import('../../workflows/add.js');
      const out = outputOptions(opts);
      const policy: Record<string, unknown> = {};
      if (typeof opts['updates'] === 'string') policy['updates'] = opts['updates'];
      if (opts['minReleaseAge'] !== undefined) {
        const days = Number(opts['minReleaseAge']);
        if (!Number.isInteger(days) || days < 0)
          throw new VetError(
            'USAGE',
            `--min-release-age: expected a whole number of days, got "${String(opts['minReleaseAge'])}"`,
          );
        policy['minReleaseAgeDays'] = days;
      }
      if (opts['requireProvenance'] === true) policy['requireProvenance'] = true;
      const services = await makeServices(opts);
      const workspace = makeWorkspace(opts);
      const result = await addServer(services, workspace, {
        spec,
        ...pipelineOptions(opts),
        args: opts['arg'] as string[],
        env: opts['env'] as string[],
        ...(typeof opts['bin'] === 'string' ? { bin: opts['bin'] } : {}),
        by: approver(opts['by'] as string | undefined),
        ...(typeof opts['note'] === 'string' ? { note: opts['note'] } : {}),
        policy,
        failOn: out.failOn,
      });
      const code = await emitReport(result.report, out);
      note(
        result.pinned
          ? `pinned ${result.entry.name}@${result.entry.version} in ${workspace.display(workspace.entryFile(result.entry.name))}`
          : `not pinned: ${result.entry.name}@${result.entry.version} has blocking findings`,
      );
      return code;
    }),
  );
}
