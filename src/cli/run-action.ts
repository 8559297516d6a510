import { exitCodeForError, isVetError, toVetError } from '../core/errors.js';
import { escapeForTerminal } from '../core/text/escape.js';
import { startHints } from '../core/start/hints.js';
import { renderStderrTail } from '../core/text/stderr-tail.js';
import { writeStderr } from './output.js';

/**
 * Runs the work of a command with the run's progress on stderr, which is ended (its live line
 * cleared) before anything else is written there: the report, a note or an error.
 */
export async function withProgressEnded<T>(ports: { progress: { end(): void } }, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } finally {
    ports.progress.end();
  }
}

/**
 * Runs a command's action: its return value is the exit code; any error is printed as
 * `mcp-vet: <message> [CODE]` (with the causes under MCP_VET_DEBUG=1) and mapped to its exit code.
 */
export function runAction<A extends unknown[]>(action: (...args: A) => Promise<number>): (...args: A) => Promise<void> {
  return async (...args: A) => {
    // A promise that can never settle would let Node exit with status 0 as if all had passed.
    const unfinished = () => {
      writeStderr('mcp-vet: the run stopped while still waiting for work that can no longer finish [INTERNAL]\n');
      process.exitCode = 3;
    };
    process.once('beforeExit', unfinished);
    try {
      process.exitCode = await action(...args);
    } catch (err) {
      const e = isVetError(err) ? err : toVetError(err);
      writeStderr(`mcp-vet: ${escapeForTerminal(e.message, { singleLine: true })} [${e.code}]\n`);
      // a server that failed: its last stderr lines (escaped already), one per line
      const lines = e.details['stderr'];
      const printed = e.details['stdout'];
      const escape = (list: unknown) =>
        Array.isArray(list) ? list.map((l) => escapeForTerminal(String(l), { singleLine: true })) : [];
      const escaped = escape(lines);
      if (escaped.length > 0) writeStderr(`${renderStderrTail(escaped)}\n`);
      for (const hint of startHints([...escaped, ...escape(printed)], process.version))
        writeStderr(`hint: ${hint.text}\n`);
      if (process.env['MCP_VET_DEBUG'] === '1') {
        let cause: unknown = e.cause ?? e;
        while (cause) {
          writeStderr(`  cause: ${cause instanceof Error ? (cause.stack ?? cause.message) : String(cause)}\n`);
          cause = cause instanceof Error && cause.cause !== cause ? cause.cause : undefined;
        }
      }
      process.exitCode = exitCodeForError(e);
    } finally {
      process.off('beforeExit', unfinished);
    }
  };
}
