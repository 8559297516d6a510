import { Command, Option } from 'commander';
import { escapeForTerminal } from '../../core/text/escape.js';
import { runAction } from '../run-action.js';

/** What the cache commands run, loaded when one runs (`--help` starts without it). */
async function maintenance() {
  const { cacheRoot } = await import('../../io/cache/cache-paths.js');
  const { pruneCache, verifyCache } = await import('../../workflows/run-cache-maintenance.js');
  const { note } = await import('../output.js');
  return { cacheRoot, pruneCache, verifyCache, note };
}

const cacheDirOption = () =>
  new Option('--cache-dir <DIR>', 'cache folder (default: $XDG_CACHE_HOME/mcp-vet/run, else ~/.cache/mcp-vet/run)');

/** `mcp-vet cache verify | prune`: the closures `mcp-vet run` installed. */
export function cacheCommand(): Command {
  const cmd = new Command('cache').description('check or clean the cache of pinned closures that `mcp-vet run` starts');
  cmd.addCommand(
    new Command('verify')
      .description(
        'hash every cached tree in full and compare it with what was installed for its pin (exit 1 on a difference)',
      )
      .addOption(cacheDirOption())
      .action(
        runAction(async (opts: { cacheDir?: string }) => {
          const { cacheRoot, verifyCache, note } = await maintenance();
          const results = verifyCache(cacheRoot(process.env, opts.cacheDir));
          for (const r of results) {
            const line =
              r.problems.length === 0 ? `ok       ${r.label}` : `CHANGED  ${r.label}: ${r.problems.join('; ')}`;
            process.stdout.write(`${escapeForTerminal(line, { singleLine: true })}\n`);
          }
          if (results.length === 0) note('the cache is empty');
          return results.some((r) => r.problems.length > 0) ? 1 : 0;
        }),
      ),
  );
  cmd.addCommand(
    new Command('prune')
      .description('remove interrupted installs and trees not started for --unused-days (and more on request)')
      .addOption(cacheDirOption())
      .addOption(new Option('--unused-days <N>', 'remove trees not started for N days').default('30'))
      .option('--invalid', 'also remove trees that differ from what was installed (the next start installs again)')
      .option('--all', 'remove every cached tree')
      .action(
        runAction(async (opts: { cacheDir?: string; unusedDays: string; invalid?: boolean; all?: boolean }) => {
          const days = Number(opts.unusedDays);
          if (!Number.isFinite(days) || days < 0) {
            const { VetError } = await import('../../core/errors.js');
            throw new VetError('USAGE', `--unused-days: not a number of days: ${opts.unusedDays}`);
          }
          const { cacheRoot, pruneCache, note } = await maintenance();
          const removed = pruneCache(cacheRoot(process.env, opts.cacheDir), {
            invalid: !!opts.invalid,
            all: !!opts.all,
            unusedDays: days,
            now: Date.now(),
          });
          for (const r of removed)
            process.stdout.write(`${escapeForTerminal(`removed  ${r.what}: ${r.reason}`, { singleLine: true })}\n`);
          if (removed.length === 0) note('nothing to remove');
          return 0;
        }),
      ),
  );
  return cmd;
}
