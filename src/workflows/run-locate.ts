import { readFileSync, statSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { VetError } from '../core/errors.js';
import { readRunPin, type RunPin } from '../core/run/run-pin.js';

export interface RunWorkspace {
  allowlist: string;
  snapshots: string;
  /** how the allowlist was found, for messages */
  how: string;
}

export interface LocatedPin {
  pin: RunPin;
  file: string;
  /** the entry's bytes, for the full schema check of a cold start */
  text: string;
}

/**
 * Where the pins are: `--allowlist DIR`, else `MCP_VET_ALLOWLIST`, else the nearest `allowlist/`
 * folder at or above the working directory (the project's). Snapshots are `--snapshots DIR`,
 * `MCP_VET_SNAPSHOTS`, or the `snapshots/` folder beside the allowlist.
 */
export function locateWorkspace(
  options: { allowlist?: string; snapshots?: string; cwd: string },
  env: NodeJS.ProcessEnv,
): RunWorkspace | null {
  const given = options.allowlist ?? env['MCP_VET_ALLOWLIST'];
  const how = options.allowlist ? '--allowlist' : env['MCP_VET_ALLOWLIST'] ? 'MCP_VET_ALLOWLIST' : 'project';
  let allowlist: string | undefined;
  if (given) allowlist = resolve(options.cwd, given);
  else {
    for (let dir = resolve(options.cwd); ; dir = dirname(dir)) {
      if (isDir(join(dir, 'allowlist'))) {
        allowlist = join(dir, 'allowlist');
        break;
      }
      if (dirname(dir) === dir) break;
    }
  }
  if (!allowlist) return null;
  const snapshotsGiven = options.snapshots ?? env['MCP_VET_SNAPSHOTS'];
  const snapshots = snapshotsGiven
    ? isAbsolute(snapshotsGiven)
      ? snapshotsGiven
      : resolve(options.cwd, snapshotsGiven)
    : join(dirname(allowlist), 'snapshots');
  return { allowlist, snapshots, how };
}

/** The pin of `name` in the allowlist; NOT_PINNED when there is none. */
export function readPin(ws: RunWorkspace | null, name: string, cwd: string): LocatedPin {
  if (!ws)
    throw new VetError(
      'NOT_PINNED',
      `no pin for ${name}: no allowlist/ folder at or above ${cwd} (use --allowlist DIR or MCP_VET_ALLOWLIST; pin it with mcp-vet add ${name})`,
      { details: { package: name } },
    );
  const file = join(ws.allowlist, ...name.split('/')) + '.json';
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR')
      throw new VetError('NOT_PINNED', `no pin for ${name} in ${ws.allowlist} (pin it with mcp-vet add ${name})`, {
        details: { package: name, file },
      });
    throw new VetError('INVALID_FILE', `cannot read ${file}: ${code ?? (err as Error).message}`, {
      cause: err,
      details: { file },
    });
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new VetError('INVALID_FILE', `${file}: not valid JSON (${(err as Error).message})`, {
      cause: err,
      details: { file },
    });
  }
  const pin = readRunPin(json, file);
  if (pin.name !== name)
    throw new VetError('INVALID_FILE', `${file}: field /name: "${pin.name}" does not match the file's path (${name})`, {
      details: { file, field: '/name' },
    });
  return { pin, file, text };
}

/** A version asked in the config must be the pinned one. */
export function requirePinnedVersion(pin: RunPin, asked: string | null, file: string): void {
  if (asked !== null && asked !== pin.version)
    throw new VetError(
      'PIN_MISMATCH',
      `${pin.name}@${asked} is not the pinned version: ${file} pins ${pin.name}@${pin.version} (start that, or verify and approve ${asked} first)`,
      { details: { package: pin.name, asked, pinned: pin.version } },
    );
}

function isDir(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}
