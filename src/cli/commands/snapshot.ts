import { Command, Option } from 'commander';
import { addRegistryOptions, addWorkspaceOptions } from '../common-options.js';
import { runAction } from '../run-action.js';
import { SNAPSHOT_FORMATS } from './snapshot-formats.js';

const collect = (value: string, previous: string[]) => [...previous, value];

export function snapshotCommand(): Command {
  const cmd = new Command('snapshot')
    .description(
      'start an MCP server in a sandbox and print its canonical tool manifest:\n  snapshot <pkg>[@<version>] | --command CMD [-- ARGS] | --url URL',
    )
    .argument('[operands...]', 'the package spec; with --command, the arguments after --')
    .option(
      '--arg <value>',
      'argument for the server (repeatable; ${WORKSPACE}, ${HOME}, ${TMPDIR} are sandbox folders)',
      collect,
      [],
    )
    .option(
      '--env <name>',
      'environment variable the server needs; it gets a placeholder value (repeatable)',
      collect,
      [],
    )
    .option(
      '--env-placeholder <name=value>',
      'the value a declared --env variable gets instead of the generic placeholder, when it must have a shape (e.g. STRIPE_KEY=sk_test_xxxxxxxx; never a real value; repeatable)',
      collect,
      [],
    )
    .option('--bin <name>', 'which bin of the package starts the server')
    .option('--command <cmd>', 'snapshot any stdio server (only the OS sandbox applies)')
    .option('--url <url>', 'snapshot a remote server (Streamable HTTP, falling back to legacy SSE)')
    .option(
      '--header <name=ENVVAR>',
      'with --url: send header NAME with the value of $ENVVAR (the value is never stored)',
      collect,
      [],
    )
    .addOption(
      new Option('--sandbox <mode>', 'strict, or relaxed (lifts only the Node permission layer)')
        .choices(['strict', 'relaxed'])
        .default('strict'),
    )
    .addOption(
      new Option(
        '--format <format>',
        'json: the canonical manifest (the record); text or markdown: the same for reading, with the findings',
      )
        .choices([...SNAPSHOT_FORMATS])
        .default('json'),
    )
    .option('--output <file>', 'write the manifest to a file (atomically) instead of stdout')
    .option('--out <file>', 'the same as --output')
    .option('--report <file>', 'write the findings as a JSON report')
    .option(
      '--behaviour <file>',
      'write what the first start attempted (programs, connections, sockets, files outside its tree, denials) as JSON',
    )
    .option('--no-behaviour', 'do not record what the server attempts (no tracer)')
    .option('--no-recheck', 'list only once (skip the second-start and other-client comparisons)')
    .option('--startup-timeout <seconds>', 'start-up timeout (default 30)')
    .option('--timeout <seconds>', 'total timeout per start (default 60)')
    .option('--show-stderr', "print each start's stderr (escaped, line by line), failed starts included")
    .addOption(new Option('--fail-on <level>', 'exit 1 when a finding is at or above this severity').default('high'))
    .option('--quiet', 'no progress lines on stderr');
  addWorkspaceOptions(cmd);
  addRegistryOptions(cmd);
  return cmd.action(
    runAction(async (operands: string[], opts: Record<string, unknown>) =>
      // the rest of the command is loaded when it runs: `--help` starts without it
      (await import('./snapshot-run.js')).runSnapshot(operands, opts),
    ),
  );
}
