import { Command } from 'commander';
import { VetError } from '../../core/errors.js';
import { addOutputOptions, addRegistryOptions, addWorkspaceOptions, outputOptions } from '../common-options.js';
import { addPipelineOptions, pipelineOptions, portOptions } from '../pipeline-options.js';
import { runAction, withProgressEnded } from '../run-action.js';

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
    .option(
      '--env-placeholder <name=value>',
      'the value a declared --env variable gets at snapshot time, when it must have a shape (e.g. STRIPE_KEY=sk_test_xxxxxxxx); stored in the pin as a placeholder, so never a real value (repeatable)',
      collect,
      [],
    )
    .option('--bin <name>', 'which bin of the package starts the server')
    .option('--updates <range>', 'semver range of the updates drift and verify consider (policy.updates)')
    .option(
      '--min-release-age <days>',
      'refuse versions published fewer than this many days ago, this one and later updates (policy.minReleaseAgeDays; a high finding)',
    )
    .option('--by <who>', 'who approves (default: git user)')
    .option('--note <text>', 'why it is approved (required with --force)')
    .option('--force', 'pin despite findings at or above --fail-on (needs --note, which the pin records)')
    .option(
      '--allow-downgrade',
      'when the package is already pinned at a higher version, going back is intended: package/downgrade is info instead of high',
    );
  addWorkspaceOptions(cmd);
  addRegistryOptions(cmd);
  addPipelineOptions(cmd, { firstPin: true });
  cmd.option('--require-provenance', 'refuse versions without verified provenance (policy.requireProvenance)');
  addOutputOptions(cmd);
  return cmd.action(
    runAction(async (spec: string, opts: Record<string, unknown>) => {
      // loaded when the command runs: `--help` and `--version` start without them
      const { addServer } = await import('../../workflows/add.js');
      const { approver } = await import('../git-user.js');
      const { makePorts } = await import('../make-ports.js');
      const { envNames, envPlaceholders, updatesRange } = await import('../launch-options.js');
      const { emitReport, note } = await import('../output.js');
      const out = outputOptions(opts);
      const policy: Record<string, unknown> = {};
      const env = envNames(opts['env'] as string[]);
      const placeholders = envPlaceholders(opts['envPlaceholder'] as string[], env);
      if (typeof opts['updates'] === 'string') policy['updates'] = updatesRange(opts['updates']);
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
      const ports = await makePorts(portOptions(opts));
      const workspace = ports.workspace;
      const result = await withProgressEnded(ports, () =>
        addServer(ports, {
          spec,
          ...pipelineOptions(opts),
          force: opts['force'] === true,
          args: opts['arg'] as string[],
          env,
          placeholders,
          ...(typeof opts['bin'] === 'string' ? { bin: opts['bin'] } : {}),
          by: approver(opts['by'] as string | undefined),
          ...(typeof opts['note'] === 'string' ? { note: opts['note'] } : {}),
          policy,
          failOn: out.failOn,
          allowDowngrade: opts['allowDowngrade'] === true,
        }),
      );
      const code = await emitReport(result.report, out);
      if (result.pinned && result.entry) {
        note(
          `pinned ${result.subject}: wrote ${workspace.display(workspace.entryFile(result.entry.name))} and ${workspace.display(workspace.snapshotDir(result.entry.name, result.entry.version))}/`,
        );
        note(`next: commit both, then run mcp-vet check (client configs) or mcp-vet drift (nightly)`);
        // forced past its findings: the pin is written, as approve --force does
        return opts['force'] === true ? 0 : code;
      }
      note(
        result.entry
          ? `not pinned: ${result.subject} has findings at or above --fail-on ${out.failOn} (or a stage that could not complete); review them, then pin it anyway with --force --note TEXT (the note is recorded in the pin)`
          : `not pinned: ${result.subject}: its bytes, closure or provenance could not be verified (see the findings above)`,
      );
      return code === 0 ? 1 : code;
    }),
  );
}
