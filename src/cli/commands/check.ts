import { homedir } from 'node:os';
import { Command, Option } from 'commander';
import { VetError } from '../../core/errors.js';
import { addOutputOptions, addRegistryOptions, addWorkspaceOptions, outputOptions } from '../common-options.js';
import { portOptions } from '../pipeline-options.js';
import { addProvenanceOptions } from '../provenance-options.js';
import { runAction, withProgressEnded } from '../run-action.js';

const collect = (value: string, previous: string[]) => [...previous, value];

export function checkCommand(): Command {
  const cmd = new Command('check')
    .description(
      'CI install gate: every MCP server started by the client configs must be allowlisted, pinned to an exact version and still verify.\n' +
        'Reads the project configs (.mcp.json, .cursor/mcp.json, .vscode/mcp.json, .gemini/settings.json, .codex/config.toml, opencode.json), or --config FILE; --user adds the user-level configs of every supported client.\n' +
        '--only secrets [FILE…] looks only for literal secrets (no allowlist, no registry): the pre-commit hook; given files with no MCP server section are skipped',
    )
    .argument(
      '[files...]',
      'client configs to check (as --config; with --only secrets, files with no MCP servers are skipped)',
    )
    .addOption(
      new Option(
        '--only <check>',
        'run only this check: secrets (literal credentials, with the fix in the client syntax)',
      ).choices(['secrets']),
    )
    .option(
      '--config <file>',
      'a client config to check instead of the project ones (repeatable; the client is detected from the name and content)',
      collect,
      [],
    )
    .option(
      '--user',
      "also check the user's own client configs (Claude Desktop and Code, Cursor, VS Code, Windsurf, Gemini CLI, Codex, Kiro, OpenCode, Copilot CLI)",
    )
    .option('--offline', 'use no registry at all: re-verify pins from the stored evidence in snapshots/ only')
    .option('--concurrency <n>', 'pins re-verified at once against the registry', '8');
  addWorkspaceOptions(cmd);
  addRegistryOptions(cmd);
  addProvenanceOptions(cmd, { registry: false });
  addOutputOptions(cmd);
  return cmd.action(
    runAction(async (files: string[], opts: Record<string, unknown>) => {
      const out = outputOptions(opts);
      const { emitReport, note } = await import('../output.js');
      const user =
        opts['user'] === true
          ? { user: { home: process.env['HOME'] || homedir(), platform: process.platform, env: process.env } }
          : {};
      if (opts['only'] === 'secrets') {
        if (files.length > 0 && opts['user'] === true)
          throw new VetError('USAGE', '--user cannot be combined with FILE…: give the files, or --user alone');
        const { checkSecrets } = await import('../../workflows/check-secrets.js');
        const result = await checkSecrets({
          cwd: process.cwd(),
          files,
          explicit: opts['config'] as string[],
          ...user,
          failOn: out.failOn,
        });
        if (result.files.length === 0 && files.length === 0)
          note('mcp-vet check: no MCP client config found (nothing to check)');
        return emitReport(result.report, out);
      }
      const concurrency = Number(opts['concurrency']);
      if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 64)
        throw new VetError(
          'USAGE',
          `--concurrency: expected a whole number from 1 to 64, got "${String(opts['concurrency'])}"`,
        );
      if (opts['offline'] === true && typeof opts['registry'] === 'string')
        throw new VetError('USAGE', '--offline and --registry cannot be used together');
      const { checkConfigs } = await import('../../workflows/check.js');
      const { makePorts } = await import('../make-ports.js');
      const ports = await makePorts(portOptions(opts));
      const result = await withProgressEnded(ports, () =>
        checkConfigs(ports, {
          cwd: process.cwd(),
          explicit: [...(opts['config'] as string[]), ...files],
          ...user,
          failOn: out.failOn,
          offline: opts['offline'] === true,
          concurrency,
        }),
      );
      if (result.files.length === 0) note('mcp-vet check: no MCP client config found (nothing to check)');
      return emitReport(result.report, out);
    }),
  );
}
