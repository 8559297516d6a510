import { Command, Option } from 'commander';
import { RUN_OPTIONS } from '../run-options.js';

/**
 * `mcp-vet run` as listed by `mcp-vet --help` and `mcp-vet run --help`. bin/mcp-vet starts
 * `run` through its own fast entry (src/cli/run-main.ts); this definition only documents it.
 */
export function runCommand(): Command {
  const cmd = new Command('run')
    .description(
      'start a pinned server from a verified cache, as the command of a client config: the exact pinned closure, the declared environment, stdio passed through',
    )
    .usage('[options] <pkg>[@<version>] [--] [args...]')
    .argument('<pkg>', 'package name, optionally @<the pinned version>')
    .argument('[args...]', "arguments for the server (default: the pin's launch.args)")
    .addHelpText(
      'after',
      '\nRefusals (one line on stderr): no pin [NOT_PINNED] exit 2; another version than the pin [PIN_MISMATCH] exit 1;\n' +
        'stored evidence does not verify [EVIDENCE_INVALID] exit 1; cached install changed [CACHE_TAMPERED] exit 1;\n' +
        "could not install [REGISTRY_UNREACHABLE …] exit 3. Otherwise the exit code is the server's.",
    );
  for (const o of RUN_OPTIONS) cmd.addOption(new Option('value' in o ? `${o.flag} <${o.value}>` : o.flag, o.help));
  return cmd.action(async () => {
    const { main } = await import('../run-main.js');
    await main(process.argv);
  });
}
