import { exitCodeForError, isVetError, toVetError } from '../core/errors.js';
import { escapeForTerminal } from '../core/text/escape.js';
import { canRunInProcess, enterServer, type InProcessEntry } from '../io/run/in-process.js';
import { exitLikeServer, startGated } from '../io/run/supervise.js';
import { planRun } from '../workflows/run.js';
import { parseRunArgs } from './run-options.js';

/**
 * The entry of `mcp-vet run` (bin/mcp-vet comes here directly for `run`): no command-line library,
 * no registry or installer code on a warm start. Its own messages go to stderr, one line each;
 * stdout belongs to the server.
 */
export async function main(argv: string[]): Promise<void> {
  let entry: InProcessEntry | null = null;
  try {
    const parsed = parseRunArgs(argv.slice(3));
    if (parsed.help) {
      await (await import('./main.js')).main(argv);
      return;
    }
    const plan = await planRun({
      spec: parsed.spec,
      args: parsed.args,
      ...(parsed.allowlist ? { allowlist: parsed.allowlist } : {}),
      ...(parsed.snapshots ? { snapshots: parsed.snapshots } : {}),
      ...(parsed.cacheDir ? { cacheDir: parsed.cacheDir } : {}),
      ...(parsed.registry ? { registry: parsed.registry } : {}),
      containment: {
        network: parsed.network,
        limitFs: parsed.limitFs,
        allowRead: parsed.allowRead,
        allowWrite: parsed.allowWrite,
      },
      ports: async (ws) => (await import('./make-ports.js')).makePorts({ offline: true, ...ws }),
      env: process.env,
      cwd: process.cwd(),
    });
    // a warm start needing no layer of its own runs the server in this process once verified: no
    // second Node start; a cold start (the installer's modules loaded) and a wrapped one get their own
    const inProcess = !plan.installed && !plan.wrapped && canRunInProcess();
    if (parsed.verbose)
      process.stderr.write(
        `mcp-vet run: starting ${plan.label} (${plan.installed ? 'installed now' : 'cached'}; ${plan.layers.join(', ')}${inProcess ? '; in this process' : ''}${plan.bound ? '' : '; the pin records no tree digest: approve it again to bind the cache to it'})\n`,
      );
    if (inProcess) {
      await plan.verified;
      // verifying may have loaded code that handles signals itself: then the server gets its own process
      if (canRunInProcess()) entry = { ...plan.entry, env: plan.env };
    }
    if (!entry) {
      const server = startGated(plan);
      try {
        await plan.verified;
      } catch (err) {
        await server.refuse();
        throw err;
      }
      server.open();
      exitLikeServer(await server.ended);
    }
  } catch (err) {
    const e = isVetError(err) ? err : toVetError(err);
    process.stderr.write(`mcp-vet run: ${escapeForTerminal(e.message, { singleLine: true })} [${e.code}]\n`);
    if (process.env['MCP_VET_DEBUG'] === '1' && e.cause)
      process.stderr.write(`  cause: ${String((e.cause as Error).stack ?? e.cause)}\n`);
    process.exitCode = exitCodeForError(e);
    return;
  }
  // outside this promise: what the server throws as it loads is an uncaught error of its own, as with `node <bin>`
  const verified = entry;
  if (verified) process.nextTick(() => enterServer(verified));
}
