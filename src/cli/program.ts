import { Command } from 'commander';
import { TOOL_VERSION } from '../version.js';

/**
 * The commands, in the order `--help` lists them. Each lives in its own file under commands/ and
 * is loaded only when it runs (or for the full help), so a fast command such as
 * `check --only secrets` starts without loading the registry, Sigstore or schema modules.
 */
const COMMANDS: ReadonlyArray<readonly [string, () => Promise<Command>]> = [
  ['init', async () => (await import('./commands/init.js')).initCommand()],
  ['add', async () => (await import('./commands/add.js')).addCommand()],
  ['verify', async () => (await import('./commands/verify.js')).verifyCommand()],
  ['approve', async () => (await import('./commands/approve.js')).approveCommand()],
  ['drift', async () => (await import('./commands/drift.js')).driftCommand()],
  ['snapshot', async () => (await import('./commands/snapshot.js')).snapshotCommand()],
  ['diff', async () => (await import('./commands/diff.js')).diffCommand()],
  ['check', async () => (await import('./commands/check.js')).checkCommand()],
  ['run', async () => (await import('./commands/run.js')).runCommand()],
  ['cache', async () => (await import('./commands/cache.js')).cacheCommand()],
  ['config', async () => (await import('./commands/config-rewrite.js')).configCommand()],
  ['report', async () => (await import('./commands/report.js')).reportCommand()],
];

/** `mcp-vet --version` needs no command at all. */
const VERSION_FLAGS = new Set(['-V', '--version']);

/**
 * The CLI; with `only` (the command about to run), just that command is loaded; for `--version`,
 * none. Command modules import only commander and the option helpers; what a command runs is
 * imported in its action, so the full help loads no registry, Sigstore, schema or report code.
 */
export async function buildProgram(only?: string): Promise<Command> {
  const program = new Command('mcp-vet')
    .description(
      'Pin, snapshot and diff MCP servers published on npm; flag supply-chain tampering and rug pulls before installation.',
    )
    .version(TOOL_VERSION)
    .showHelpAfterError('(run mcp-vet --help for usage)');
  if (only !== undefined && VERSION_FLAGS.has(only)) return program;
  const wanted = COMMANDS.some(([name]) => name === only) ? COMMANDS.filter(([name]) => name === only) : COMMANDS;
  for (const command of await Promise.all(wanted.map(([, make]) => make()))) program.addCommand(command);
  return program;
}
