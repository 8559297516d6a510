import { Option, type Command } from 'commander';
import { isSeverity, type Severity } from '../core/findings/severity.js';
import { FORMAT_NAMES, isFormatName, type FormatName } from '../core/report/format-names.js';
import { VetError } from '../core/errors.js';
import { addNetworkOptions } from './network-options.js';

export interface OutputOptions {
  format: FormatName;
  output?: string;
  failOn: Severity;
  /** more renderings of the same report: --also sarif=report.sarif */
  also: Array<{ format: FormatName; file: string }>;
  /** text: list every item of every group and the info findings */
  verbose: boolean;
  /** no progress on stderr */
  quiet: boolean;
}

export interface WorkspaceOptions {
  allowlist?: string;
  snapshots?: string;
}

export interface RegistryOptions {
  registry?: string;
  offline?: boolean;
  requestTimeout?: string;
  stageTimeout?: string;
  minRate?: string;
}

export function addOutputOptions(cmd: Command): Command {
  return cmd
    .addOption(new Option('--format <format>', `output format: ${FORMAT_NAMES.join(', ')}`).default('text'))
    .option('--output <file>', 'write the report to a file (atomically) instead of stdout')
    .option(
      '--also <format=file>',
      'also write the report in another format to a file, e.g. sarif=mcp-vet.sarif (repeatable)',
      (v: string, prev: string[]) => [...prev, v],
      [] as string[],
    )
    .option('--verbose', 'text: list every item of each group of findings, and the info findings')
    .option('--quiet', 'no progress lines on stderr')
    .addOption(
      new Option(
        '--fail-on <level>',
        'exit 1 when a finding is at or above this severity: info, low, medium, high, critical',
      ).default('high'),
    );
}

export function addWorkspaceOptions(cmd: Command): Command {
  return cmd
    .option('--allowlist <dir>', 'allowlist folder (default: ./allowlist)')
    .option('--snapshots <dir>', 'snapshots folder (default: ./snapshots)');
}

/** --registry and the network deadlines (network-options.ts). */
export function addRegistryOptions(cmd: Command): Command {
  cmd.option(
    '--registry <url>',
    'npm registry to use instead of the configured default (scoped registries still apply)',
  );
  return addNetworkOptions(cmd);
}

export function outputOptions(raw: Record<string, unknown>): OutputOptions {
  const format = String(raw['format'] ?? 'text');
  if (!isFormatName(format))
    throw new VetError('USAGE', `--format: unknown format "${format}" (use ${FORMAT_NAMES.join(', ')})`);
  const failOn = String(raw['failOn'] ?? 'high');
  if (!isSeverity(failOn))
    throw new VetError('USAGE', `--fail-on: unknown severity "${failOn}" (use info, low, medium, high, critical)`);
  const also = ((raw['also'] as string[] | undefined) ?? []).map((value) => {
    const m = /^([a-z]+)=(.+)$/.exec(value);
    if (!m || !isFormatName(m[1]!))
      throw new VetError(
        'USAGE',
        `--also: expected FORMAT=FILE with FORMAT one of ${FORMAT_NAMES.join(', ')}, got "${value}"`,
      );
    return { format: m[1] as FormatName, file: m[2]! };
  });
  const out: OutputOptions = { format, failOn, also, verbose: raw['verbose'] === true, quiet: raw['quiet'] === true };
  if (typeof raw['output'] === 'string') out.output = raw['output'];
  return out;
}
