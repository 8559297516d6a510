import { Command } from 'commander';
import { addOutputOptions, addRegistryOptions, addWorkspaceOptions, outputOptions } from '../common-options.js';
import { addPipelineOptions, pipelineOptions, portOptions } from '../pipeline-options.js';
import { runAction, withProgressEnded } from '../run-action.js';

export function approveCommand(): Command {
  const cmd = new Command('approve')
    .description(
      'verify <pkg>@<version> again and move the pin to it, writing the new snapshot evidence; refuses on blocking findings unless --force --note',
    )
    .argument('<spec>', 'package spec with an exact version: <pkg>@<version>')
    .option('--by <who>', 'who approves (default: git user)')
    .option('--note <text>', 'why it is approved (required with --force)')
    .option('--force', 'approve despite findings at or above --fail-on')
    .option(
      '--allow-downgrade',
      'a version below the pinned one is intended: package/downgrade is info instead of high',
    );
  addWorkspaceOptions(cmd);
  addRegistryOptions(cmd);
  addPipelineOptions(cmd);
  addOutputOptions(cmd);
  return cmd.action(
    runAction(async (spec: string, opts: Record<string, unknown>) => {
      const { approveServer } = await import('../../workflows/approve.js');
      const { approver } = await import('../git-user.js');
      const { makePorts } = await import('../make-ports.js');
      const { emitReport, note } = await import('../output.js');
      const out = outputOptions(opts);
      const ports = await makePorts(portOptions(opts));
      const workspace = ports.workspace;
      const result = await withProgressEnded(ports, () =>
        approveServer(ports, {
          spec,
          by: approver(opts['by'] as string | undefined),
          ...(typeof opts['note'] === 'string' ? { note: opts['note'] } : {}),
          force: opts['force'] === true,
          failOn: out.failOn,
          ...pipelineOptions(opts),
          allowDowngrade: opts['allowDowngrade'] === true,
        }),
      );
      const code = await emitReport(result.report, out);
      if (result.approved && result.entry) {
        note(
          `approved ${result.entry.name}@${result.entry.version}: wrote ${workspace.display(workspace.entryFile(result.entry.name))} and ${workspace.display(workspace.snapshotDir(result.entry.name, result.entry.version))}/`,
        );
        note('next: commit both; clients that install from the pinned lock now get this version');
        return 0;
      }
      if (result.unverified) {
        note(`not approved: ${spec}: its bytes, closure or provenance could not be verified (see the findings above)`);
        return code === 0 ? 1 : code;
      }
      const downgrade = result.report.findings.some((f) => f.code === 'package/downgrade' && f.severity !== 'info');
      note(
        `not approved: ${spec} has blocking findings (use --force --note TEXT to accept them${downgrade ? '; --allow-downgrade if going back to an older version is intended' : ''})`,
      );
      return code === 0 ? 1 : code;
    }),
  );
}
