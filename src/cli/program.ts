import { Command } from 'commander';
import { TOOL_VERSION } from '../version.js';
import { addCommand } from './commands/add.js';
import { cacheCommand } from './commands/cache.js';
import { checkCommand } from './commands/check.js';
import { approveCommand } from './commands/approve.js';
import { driftCommand } from './commands/drift.js';
import { diffCommand } from './commands/diff.js';
import { initCommand } from './commands/init.js';
import { runCommand } from './commands/run.js';
import { snapshotCommand } from './commands/snapshot.js';
import { verifyCommand } from './commands/verify.js';

/** The CLI. Each command lives in its own file under commands/. */
export function buildProgram(): Command {
  const program = new Command('mcp-vet')
    .description(
      'Pin, snapshot and diff MCP servers published on npm; flag supply-chain tampering and rug pulls before installation.',
    )
    .version(TOOL_VERSION)
    .showHelpAfterError('(run mcp-vet --help for usage)');
  program.addCommand(initCommand());
  program.addCommand(addCommand());
  program.addCommand(verifyCommand());
  program.addCommand(approveCommand());
  program.addCommand(driftCommand());
  program.addCommand(snapshotCommand());
  program.addCommand(diffCommand());
  program.addCommand(checkCommand());
  program.addCommand(runCommand());
  program.addCommand(cacheCommand());
  return program;
}
