import type { Command } from 'commander';
import { buildProgram } from '../../src/cli/program.js';
import { outputOptions } from '../../src/cli/common-options.js';
import { parseShard } from '../../src/core/shard.js';

export interface ParsedCommand {
  /** e.g. ['report', 'merge'] */
  path: string[];
  args: unknown[];
  opts: Record<string, unknown>;
}

/**
 * Parses `args` (the words after `mcp-vet`) with the real CLI program, every action replaced by a
 * recorder: unknown commands or options, missing option values, missing or excess arguments throw
 * commander's error. The values the actions check themselves (--format, --fail-on, --also, --shard)
 * are checked with the CLI's own parsers too. Nothing runs.
 */
export async function parseVetCommand(args: readonly string[]): Promise<ParsedCommand> {
  const program = await buildProgram(args[0]);
  let parsed: ParsedCommand | undefined;
  const silence = (cmd: Command, path: string[]) => {
    cmd.exitOverride();
    cmd.configureOutput({ writeErr: () => {}, writeOut: () => {} });
    if (path.length > 0 && cmd.commands.length === 0)
      cmd.action((...received: unknown[]) => {
        const self = received.at(-1) as Command;
        parsed = { path, args: received.slice(0, -2), opts: self.opts() };
      });
    for (const sub of cmd.commands) silence(sub, [...path, sub.name()]);
  };
  silence(program, []);
  await program.parseAsync([...args], { from: 'user' });
  if (!parsed) throw new Error(`mcp-vet ${args.join(' ')}: no command ran (a command group without its subcommand?)`);
  if ('format' in parsed.opts) outputOptions(parsed.opts);
  if (typeof parsed.opts['shard'] === 'string') parseShard(parsed.opts['shard']);
  return parsed;
}
