import { resolve } from 'node:path';
import { escapeForTerminal } from '../core/text/escape.js';
import { exitCodeForReport, type Report } from '../core/report/report.js';
import { renderers } from '../core/report/renderers.js';
import { writeFileAtomic } from '../io/atomic-write.js';
import type { OutputOptions } from './common-options.js';

/** Writes a string to stdout and waits until it is flushed, so piped output is never cut short. */
export async function writeStdout(text: string | Iterable<string>): Promise<void> {
  const write = (piece: string) =>
    new Promise<void>((done, fail) => process.stdout.write(piece, (err) => (err ? fail(err) : done())));
  if (typeof text === 'string') return write(text);
  for (const piece of text) await write(piece);
}

export function writeStderr(text: string): void {
  process.stderr.write(text);
}

/**
 * --show-stderr: a server's stderr, each line escaped on its own (no control character, newline or
 * tab of the server's reaches the terminal), under a heading naming the start.
 */
export function printServerStderr(label: string, stderr: string): void {
  const lines = stderr.split(/\r?\n/).filter((l) => l.trim() !== '');
  const head = `stderr of ${escapeForTerminal(label, { singleLine: true })}`;
  if (lines.length === 0) return writeStderr(`${head}: (empty)\n`);
  writeStderr(`${head}:\n${lines.map((l) => `  ${escapeForTerminal(l, { singleLine: true })}\n`).join('')}`);
}

export function useColor(toFile: boolean): boolean {
  if (process.env['NO_COLOR'] !== undefined && process.env['NO_COLOR'] !== '') return false;
  if (process.env['FORCE_COLOR'] !== undefined && process.env['FORCE_COLOR'] !== '0') return true;
  return !toFile && process.stdout.isTTY === true;
}

/** Renders the report in the chosen format, writes it, and returns the exit code it calls for. */
export async function emitReport(report: Report, options: OutputOptions): Promise<number> {
  const text = renderers[options.format](report, {
    color: useColor(options.output !== undefined),
    verbose: options.verbose,
  });
  for (const extra of options.also) {
    await writeFileAtomic(resolve(extra.file), renderers[extra.format](report, { color: false, verbose: true }));
  }
  if (options.output) {
    await writeFileAtomic(resolve(options.output), text);
  } else {
    await writeStdout(text);
  }
  return exitCodeForReport(report, options.failOn);
}

/** One line on stderr for progress or notes; escaped, since it may hold text from a server. */
export function note(message: string): void {
  writeStderr(`${escapeForTerminal(message, { singleLine: true })}\n`);
}
