import { Option, type Command } from 'commander';
import { VetError } from '../core/errors.js';
import type { ReviewOptions } from '../workflows/review-options.js';
import type { PortOptions } from './make-ports.js';
import { printServerStderr } from './output.js';
import { networkDeadlines } from './network-options.js';
import { addExpectOptions, addProvenanceOptions, expectationFrom } from './provenance-options.js';

/**
 * Options of every command that runs the whole verification pipeline (add, verify, approve,
 * drift). `firstPin` (add): there is no pin yet, so the sandbox mode is recorded, not inherited,
 * and no manifest is compared.
 */
export function addPipelineOptions(cmd: Command, options: { firstPin?: boolean } = {}): Command {
  cmd
    .option('--allow-sha1', 'accept a package that only has a SHA-1 integrity')
    .addOption(
      new Option(
        '--sandbox <mode>',
        options.firstPin
          ? 'snapshot sandbox: strict (default), or relaxed (lifts only the Node permission layer); recorded in the pin (launch.sandbox) for later runs'
          : 'snapshot sandbox: strict, or relaxed (lifts only the Node permission layer); default: the mode the pin was approved with, else strict',
      ).choices(['strict', 'relaxed']),
    )
    .option(
      '--no-snapshot',
      options.firstPin
        ? 'do not start the server: no manifest is captured or reviewed, and the pin records it as unchecked'
        : 'do not start the server: skip the manifest snapshot and its diff',
    )
    .option('--show-stderr', "print each sandboxed start's stderr (escaped), failed starts included");
  addProvenanceOptions(cmd, { registry: true });
  addExpectOptions(cmd);
  return cmd;
}

export function pipelineOptions(opts: Record<string, unknown>): ReviewOptions {
  const expect = expectationFrom(opts);
  return {
    allowSha1: opts['allowSha1'] === true,
    ...(opts['snapshot'] === false
      ? { snapshot: false as const }
      : opts['sandbox']
        ? { snapshot: { sandbox: opts['sandbox'] === 'relaxed' ? ('relaxed' as const) : ('strict' as const) } }
        : {}),
    provenance: {
      ...(typeof opts['provenanceRegistry'] === 'string' ? { provenanceRegistry: opts['provenanceRegistry'] } : {}),
      ...(expect ? { expect } : {}),
    },
  };
}

/** What the composition root needs from the command line: workspace, registry, trust material. */
export function portOptions(opts: Record<string, unknown>): PortOptions {
  const out: PortOptions = {};
  if (typeof opts['allowlist'] === 'string') out.allowlist = opts['allowlist'];
  if (typeof opts['snapshots'] === 'string') out.snapshots = opts['snapshots'];
  if (typeof opts['registry'] === 'string') out.registry = opts['registry'];
  if (opts['offline'] === true) out.offline = true;
  if (opts['quiet'] === true) out.quiet = true;
  if (typeof opts['trustedRoot'] === 'string') out.trustedRoot = opts['trustedRoot'];
  out.deadlines = networkDeadlines(opts);
  if (opts['showStderr'] === true) out.onServerStderr = printServerStderr;
  return out;
}

export function concurrencyOption(value: unknown): number {
  const n = Number(value ?? 4);
  if (!Number.isInteger(n) || n < 1 || n > 64)
    throw new VetError('USAGE', `--concurrency: expected a whole number from 1 to 64, got "${String(value)}"`);
  return n;
}
