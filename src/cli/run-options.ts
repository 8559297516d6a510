import { VetError } from '../core/errors.js';

/** The options of `mcp-vet run`, in one table: parsed by the fast entry, listed by `--help`. */
export const RUN_OPTIONS = [
  {
    flag: '--allowlist',
    value: 'DIR',
    help: 'allowlist folder (default: MCP_VET_ALLOWLIST, else the nearest allowlist/ at or above the working directory)',
  },
  {
    flag: '--snapshots',
    value: 'DIR',
    help: 'snapshots folder (default: MCP_VET_SNAPSHOTS, else snapshots/ beside the allowlist)',
  },
  {
    flag: '--cache-dir',
    value: 'DIR',
    help: 'cache folder (default: $XDG_CACHE_HOME/mcp-vet/run, else ~/.cache/mcp-vet/run)',
  },
  {
    flag: '--registry',
    value: 'URL',
    help: 'registry to install from on a cold start (default: your npm configuration)',
  },
  { flag: '--no-network', help: 'start the server in its own network namespace: no network at all (Linux)' },
  {
    flag: '--limit-fs',
    help: "Node's permission model: read only the install tree and --allow-read/--allow-write paths, write only --allow-write paths, no child processes",
  },
  {
    flag: '--allow-read',
    value: 'PATH',
    repeat: true,
    help: 'with --limit-fs: a path the server may read (repeatable)',
  },
  {
    flag: '--allow-write',
    value: 'PATH',
    repeat: true,
    help: 'with --limit-fs: a path the server may read and write (repeatable)',
  },
  { flag: '--verbose', help: 'one line on stderr: what is started, cold or warm, and the containment in force' },
] as const;

export interface RunArgs {
  help: boolean;
  spec: string;
  args: string[] | null;
  allowlist?: string;
  snapshots?: string;
  cacheDir?: string;
  registry?: string;
  network: boolean;
  limitFs: boolean;
  allowRead: string[];
  allowWrite: string[];
  verbose: boolean;
}

/**
 * `run [options] <pkg>[@<version>] [--] [args…]`: options come before the package; everything
 * after it goes to the server unchanged (a leading `--` is dropped).
 */
export function parseRunArgs(argv: readonly string[]): RunArgs {
  const out: RunArgs = {
    help: false,
    spec: '',
    args: null,
    network: true,
    limitFs: false,
    allowRead: [],
    allowWrite: [],
    verbose: false,
  };
  let i = 0;
  for (; i < argv.length; i++) {
    const a = argv[i] as string;
    if (a === '-h' || a === '--help') return { ...out, help: true };
    if (a === '--') {
      i++;
      break;
    }
    if (!a.startsWith('-')) break;
    const eq = a.indexOf('=');
    const flag = eq === -1 ? a : a.slice(0, eq);
    const option = RUN_OPTIONS.find((o) => o.flag === flag);
    if (!option)
      throw new VetError(
        'USAGE',
        `run: unknown option ${flag} (options go before the package; see mcp-vet run --help)`,
      );
    if (!('value' in option)) {
      if (eq !== -1) throw new VetError('USAGE', `run: ${flag} takes no value`);
      if (flag === '--no-network') out.network = false;
      else if (flag === '--limit-fs') out.limitFs = true;
      else out.verbose = true;
      continue;
    }
    const value = eq === -1 ? argv[++i] : a.slice(eq + 1);
    if (value === undefined || value === '') throw new VetError('USAGE', `run: ${flag} needs a ${option.value}`);
    if (flag === '--allow-read') out.allowRead.push(value);
    else if (flag === '--allow-write') out.allowWrite.push(value);
    else if (flag === '--allowlist') out.allowlist = value;
    else if (flag === '--snapshots') out.snapshots = value;
    else if (flag === '--cache-dir') out.cacheDir = value;
    else out.registry = value;
  }
  const spec = argv[i];
  if (spec === undefined)
    throw new VetError('USAGE', 'run: missing the package to start (mcp-vet run <pkg>[@<version>])');
  out.spec = spec;
  const rest = argv.slice(i + 1);
  if (rest.length > 0) out.args = rest[0] === '--' ? rest.slice(1) : rest;
  if ((out.allowRead.length > 0 || out.allowWrite.length > 0) && !out.limitFs)
    throw new VetError('USAGE', 'run: --allow-read and --allow-write only apply with --limit-fs');
  return out;
}
