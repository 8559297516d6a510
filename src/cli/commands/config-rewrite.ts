import { Command } from 'commander';
import type { WorkspaceOptions } from '../common-options.js';
import { runAction } from '../run-action.js';

/** `mcp-vet config rewrite FILE`: start the config's allowlisted servers through `mcp-vet run`. */
export function configCommand(): Command {
  const cmd = new Command('config').description('edit MCP client configs');
  const rewrite = new Command('rewrite')
    .description(
      'rewrite a client config (JSONC or TOML) so that its allowlisted servers start through `mcp-vet run`, keeping comments and formatting',
    )
    .argument('<file>', 'the client config file')
    .option('--dry-run', 'print the rewritten file instead of writing it')
    .option('--allowlist <dir>', 'allowlist folder whose servers are rewritten (default: ./allowlist)');
  rewrite.action(
    runAction(async (file: string, opts: WorkspaceOptions & { dryRun?: boolean }) =>
      // loaded when it runs: `--help` starts without the config parsers
      (await import('./config-rewrite-run.js')).runConfigRewrite(file, opts),
    ),
  );
  cmd.addCommand(rewrite);
  return cmd;
}
