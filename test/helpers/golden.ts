import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { expect } from 'vitest';
import type { CliResult } from './cli.js';

/** Where the stored outputs live: test/golden/<command>-<case>.txt. */
export const GOLDEN_DIR = resolve(import.meta.dirname, '..', 'golden');
const REPO = resolve(import.meta.dirname, '..', '..');

/** The command that rewrites every stored output (README, Development). */
export const UPDATE_COMMAND = 'npm run golden:update';

/**
 * What the normaliser replaces: only what cannot be the same from one run or machine to the next.
 * `paths` are this run's temp folders (the workspace, the registry's storage), longest first.
 */
export interface GoldenContext {
  paths?: Record<string, string>;
}

/**
 * Makes an output comparable across runs and machines. It replaces, and nothing else:
 * - the temp folders of this run (`paths`), the checkout (`<repo>`), this Node (`<node>`), other temp folders
 *   (`<tmp>/mcp-vet-…`);
 * - a loopback port (`127.0.0.1:<port>`): the registry and fault servers listen on a free one;
 * - an ISO date-time (`<date>`) and a release age in days (`<n> days ago`): the registry stamps the publish time;
 * - a duration in milliseconds (`<n> ms`);
 * - the OS sandbox layers a snapshot lists (`<os layers>`): bubblewrap and namespaces depend on the machine.
 * Line wrapping is unaffected: ports have five digits and the workspace paths shown are relative.
 */
export function normalise(text: string, ctx: GoldenContext = {}): string {
  let out = text;
  const paths = Object.entries({ ...ctx.paths, '<repo>': REPO, '<node>': process.execPath }).sort(
    (a, b) => b[1].length - a[1].length,
  );
  for (const [name, path] of paths) out = out.split(path).join(name);
  out = out.split(tmpdir()).join('<tmp>');
  return out
    .replace(/127\.0\.0\.1:\d{2,5}\b/g, '127.0.0.1:<port>')
    .replace(/\b\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z\b/g, '<date>')
    .replace(/\b\d+(\.\d+)? days ago\b/g, '<n> days ago')
    .replace(/\b\d+(\.\d+)? ?ms\b/g, '<n> ms')
    .replace(/^( *sandbox(?: active)?: )[^;\n]*/gm, '$1<os layers>')
    .replace(/("sandbox": \{\n\s+"active": \[)[^\]]*(\],)/g, '$1 "<os layers>" $2')
    .replace(/("unavailable": \[)[^\]]*(\])/g, '$1 "<os layers>" $2');
}

/** A stored output: the command, its exit code, then stdout and stderr verbatim, as arethetypeswrong keeps them. */
export function goldenText(args: string[], result: CliResult, ctx: GoldenContext = {}): string {
  const stream = (s: string) => (s === '' || s.endsWith('\n') ? s : `${s}\n\\ no newline at end\n`);
  return normalise(
    [
      `$ mcp-vet ${args.map(quote).join(' ')}`,
      `exit code: ${result.code}`,
      '--- stdout',
      stream(result.stdout) + '--- stderr',
      stream(result.stderr),
    ].join('\n'),
    ctx,
  );
}

/**
 * Compares the whole output with test/golden/<name>.txt, byte for byte after `normalise`.
 * With UPDATE_GOLDEN=1 it writes the file instead.
 */
export async function expectGolden(
  name: string,
  args: string[],
  result: CliResult,
  ctx: GoldenContext = {},
): Promise<void> {
  const file = join(GOLDEN_DIR, `${name}.txt`);
  const actual = goldenText(args, result, ctx);
  if (process.env['UPDATE_GOLDEN'] === '1') {
    await mkdir(dirname(file), { recursive: true });
    await writeFile(file, actual);
    return;
  }
  if (!existsSync(file)) throw new Error(`${file} is missing: run ${UPDATE_COMMAND}`);
  expect(actual, `${name}: the output changed; if that is intended, run ${UPDATE_COMMAND}`).toBe(
    await readFile(file, 'utf8'),
  );
}

function quote(arg: string): string {
  return /^[\w@^./:=,+-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`;
}
