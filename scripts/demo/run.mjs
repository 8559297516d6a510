// Runs the built mcp-vet binary for the demo, shows its output as it comes and keeps a copy.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { colorWanted, command, dim } from './say.mjs';

const BIN = fileURLToPath(new URL('../../bin/mcp-vet', import.meta.url));
const BUILT = fileURLToPath(new URL('../../dist/cli/main.js', import.meta.url));

/** Fails early, and says why, when mcp-vet has not been built (`npm run demo` builds it). */
export function requireBuild() {
  if (!existsSync(BUILT))
    throw new Error('mcp-vet is not built: run `npm run demo` (it builds first), or `npm run build`');
}
const running = new Set();
let stopped = false;

/**
 * Runs `mcp-vet ...args` in `cwd` with exactly `env` (nothing inherited but PATH, so neither the
 * user's npm config nor the variables `npm run` sets can reach it). Resolves to { code, output }.
 */
export function mcpVet(args, { cwd, env }) {
  // once the demo is stopping, a step neither starts nor returns: the demo exits when cleanup ends
  if (stopped) return new Promise(() => {});
  command(['mcp-vet', ...args].map(shellQuote).join(' '));
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      cwd,
      env: { PATH: process.env.PATH, ...(colorWanted ? { FORCE_COLOR: '1' } : { NO_COLOR: '1' }), ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    running.add(child);
    let output = '';
    // one writer per stream, so a line of the report and a progress line are never spliced
    const writers = [child.stdout, child.stderr].map((stream) => {
      const show = lineWriter((line) => process.stdout.write(`  ${line}\n`));
      stream.setEncoding('utf8');
      stream.on('data', (chunk) => {
        output += chunk;
        show(chunk);
      });
      return show;
    });
    child.on('error', fail);
    child.on('close', (code, signal) => {
      running.delete(child);
      if (stopped) return;
      for (const show of writers) show(null);
      process.stdout.write(dim(`  (exit code ${code ?? signal})\n`));
      done({ code, output });
    });
  });
}

/** Stops any mcp-vet still running (on Ctrl-C or an error): SIGTERM, then SIGKILL after 3 s. */
export function stopRunning() {
  stopped = true;
  return Promise.all(
    [...running].map(
      (child) =>
        new Promise((done) => {
          const timer = setTimeout(() => child.kill('SIGKILL'), 3000);
          child.once('close', () => {
            clearTimeout(timer);
            done();
          });
          child.kill('SIGTERM');
        }),
    ),
  );
}

const shellQuote = (arg) => (/^[\w@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replaceAll("'", "'\\''")}'`);

/** Indents whole lines; a partial line waits for the rest (or for the end, `null`). */
function lineWriter(write) {
  let pending = '';
  return (chunk) => {
    if (chunk === null) {
      if (pending) write(pending);
      pending = '';
      return;
    }
    const lines = (pending + chunk).split('\n');
    pending = lines.pop();
    for (const line of lines) write(line);
  };
}
