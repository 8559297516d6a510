import { existsSync } from 'node:fs';
import type { Command } from 'commander';
import { escapeForTerminal } from '../../core/text/escape.js';
import { addRegistryOptions, outputOptions } from '../common-options.js';
import { portOptions } from '../pipeline-options.js';
import { withProgressEnded } from '../run-action.js';

/** Options of the package branch of `mcp-vet diff`; added to the diff command by diff.ts. */
export function addPackageDiffOptions(cmd: Command): Command {
  addRegistryOptions(cmd);
  return cmd
    .option(
      '--code',
      'with two package specs: also print a bounded unified diff of the changed files, findings anchored to file and line',
    )
    .option('--closure', 'with two package specs: also resolve both dependency closures and report their changes')
    .option('--allow-sha1', 'accept a package that only has a SHA-1 integrity');
}

/** `name@version` (scoped too) that is not an existing file: the diff is between two package versions. */
export function looksLikePackageSpec(arg: string): boolean {
  return /^(?:@[a-z0-9][\w.-]*\/)?[a-z0-9][\w.-]*@[^\s/\\@]+$/i.test(arg) && !existsSync(arg);
}

export function isPackageDiff(before: string, after: string): boolean {
  return looksLikePackageSpec(before) && looksLikePackageSpec(after);
}

/**
 * `mcp-vet diff <pkg>@<a> <pkg>@<b> [--code]`: fetches both versions by integrity and reports the
 * package-level signals; with --code, the changed files as an escaped, bounded unified diff
 * (text format only, before the report).
 */
export async function runPackageDiff(before: string, after: string, opts: Record<string, unknown>): Promise<number> {
  const out = outputOptions(opts);
  const { makePorts } = await import('../make-ports.js');
  const { emitReport, writeStdout } = await import('../output.js');
  const ports = await makePorts(portOptions(opts));
  const { diffPackageVersions } = await import('../../workflows/package-diff.js');
  const result = await withProgressEnded(ports, () =>
    diffPackageVersions(ports, {
      before,
      after,
      failOn: out.failOn,
      code: opts['code'] === true,
      closure: opts['closure'] === true,
      allowSha1: opts['allowSha1'] === true,
    }),
  );
  if (result.codeView !== undefined && out.format === 'text' && !out.output) {
    await writeStdout(escapeForTerminal(result.codeView) + (result.codeView ? '\n' : '(no file changes)\n\n'));
  }
  return emitReport(result.report, out);
}
