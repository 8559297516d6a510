import { Option, type Command } from 'commander';
import { VetError } from '../core/errors.js';
import { DEFAULT_DEADLINES, type NetworkDeadlines } from '../io/net/deadlines.js';

/** The deadlines of every network wait, for each command that asks a registry. */
export function addNetworkOptions(cmd: Command): Command {
  return cmd
    .addOption(
      new Option('--request-timeout <seconds>', 'deadline of one registry request, from connecting to its last byte')
        .env('MCP_VET_REQUEST_TIMEOUT')
        .default(String(DEFAULT_DEADLINES.requestMs / 1000)),
    )
    .addOption(
      new Option(
        '--stage-timeout <seconds>',
        'deadline of a stage of many requests (dependency closure resolution, closure install)',
      )
        .env('MCP_VET_STAGE_TIMEOUT')
        .default(String(DEFAULT_DEADLINES.stageMs / 1000)),
    )
    .addOption(
      new Option(
        '--min-rate <bytes/s>',
        `slowest transfer accepted, averaged over ${DEFAULT_DEADLINES.rateWindowMs / 1000} s; 0: no minimum`,
      )
        .env('MCP_VET_MIN_RATE')
        .default(String(DEFAULT_DEADLINES.minBytesPerSecond)),
    );
}

export function networkDeadlines(opts: Record<string, unknown>): NetworkDeadlines {
  return {
    requestMs: seconds(opts['requestTimeout'], '--request-timeout', DEFAULT_DEADLINES.requestMs),
    stageMs: seconds(opts['stageTimeout'], '--stage-timeout', DEFAULT_DEADLINES.stageMs),
    minBytesPerSecond: bytesPerSecond(opts['minRate']),
    rateWindowMs: DEFAULT_DEADLINES.rateWindowMs,
  };
}

function seconds(value: unknown, option: string, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (String(value).trim() === '' || !Number.isFinite(n) || n <= 0 || n > 86_400)
    throw new VetError(
      'USAGE',
      `${option}: expected seconds (a number above 0, at most 86400), got "${String(value)}"`,
    );
  return Math.round(n * 1000);
}

function bytesPerSecond(value: unknown): number {
  if (value === undefined) return DEFAULT_DEADLINES.minBytesPerSecond;
  const n = Number(value);
  if (String(value).trim() === '' || !Number.isInteger(n) || n < 0)
    throw new VetError('USAGE', `--min-rate: expected whole bytes per second (0 or more), got "${String(value)}"`);
  return n;
}
