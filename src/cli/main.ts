import { CommanderError, type Command } from 'commander';
import { buildProgram } from './program.js';

export async function main(argv: string[]): Promise<void> {
  // argv: node, script, command…; only the command named is loaded (all of them for help or a typo)
  const program = await buildProgram(argv[2]);
  // Usage errors exit 2 (not commander's 1), in every subcommand too.
  const configure = (cmd: Command) => {
    cmd.exitOverride();
    cmd.configureOutput({ writeErr: (s) => process.stderr.write(s), writeOut: (s) => process.stdout.write(s) });
    cmd.commands.forEach(configure);
  };
  configure(program);
  try {
    await program.parseAsync(argv);
  } catch (err) {
    if (err instanceof CommanderError) {
      // --help and --version exit 0; every usage error exits 2.
      process.exitCode = err.exitCode === 0 ? 0 : 2;
      return;
    }
    throw err;
  }
}
