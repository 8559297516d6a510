import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { delimiter, join } from 'node:path';

/** Names of the sandbox layers, as recorded in a manifest's probe context. */
export type SandboxLayer =
  | 'empty-env'
  | 'temp-home'
  | 'user-namespace'
  | 'network-namespace'
  | 'pid-namespace'
  | 'bubblewrap'
  | 'hidden-home'
  | 'node-permission';

export interface OsSandbox {
  /** argv prefix that runs a command inside the OS sandbox (empty when none is available), without the final `--` */
  prefix: string[];
  /** how to mount an empty tmpfs over a folder (the user's HOME) inside the sandbox, if the OS allows */
  hide: 'bwrap' | 'unshare' | null;
  active: SandboxLayer[];
  unavailable: Array<{ layer: SandboxLayer; reason: string }>;
}

let cached: OsSandbox | undefined;

/**
 * What the OS allows here, probed once: bubblewrap when installed, else `unshare` with user, network
 * and pid namespaces. A layer that does not work is reported with the reason, never silently dropped.
 */
export function detectOsSandbox(options: { refresh?: boolean } = {}): OsSandbox {
  if (cached && !options.refresh) return cached;
  cached = probe();
  return cached;
}

function probe(): OsSandbox {
  if (process.platform !== 'linux') {
    const reason = `not available on ${process.platform}`;
    return {
      prefix: [],
      hide: null,
      active: [],
      unavailable: (['user-namespace', 'network-namespace', 'pid-namespace', 'hidden-home'] as const).map((layer) => ({
        layer,
        reason,
      })),
    };
  }
  const bwrap = findOnPath('bwrap');
  if (bwrap) {
    const prefix = [
      bwrap,
      '--unshare-user',
      '--unshare-net',
      '--unshare-pid',
      '--die-with-parent',
      '--dev-bind',
      '/',
      '/',
      '--proc',
      '/proc',
    ];
    const tried = tryRun([...prefix, '--']);
    if (tried === null)
      return {
        prefix,
        hide: 'bwrap',
        active: ['bubblewrap', 'user-namespace', 'network-namespace', 'pid-namespace'],
        unavailable: [],
      };
  }
  const unshare = findOnPath('unshare');
  if (!unshare) {
    const reason = 'neither bwrap nor unshare is installed';
    return {
      prefix: [],
      hide: null,
      active: [],
      unavailable: (['user-namespace', 'network-namespace', 'pid-namespace', 'hidden-home'] as const).map((layer) => ({
        layer,
        reason,
      })),
    };
  }
  const full = [unshare, '--user', '--map-root-user', '--net', '--pid', '--fork', '--kill-child'];
  const fullError = tryRun([...full, '--']);
  const extra = bwrap ? [{ layer: 'bubblewrap' as const, reason: 'bwrap is installed but failed; using unshare' }] : [];
  if (fullError === null) {
    const mountError = tryRun(hideWithUnshare(full, '/tmp'));
    if (mountError === null)
      return {
        prefix: full,
        hide: 'unshare',
        active: ['user-namespace', 'network-namespace', 'pid-namespace'],
        unavailable: extra,
      };
    return {
      prefix: full,
      hide: null,
      active: ['user-namespace', 'network-namespace', 'pid-namespace'],
      unavailable: [...extra, { layer: 'hidden-home', reason: `mount namespace: ${mountError}` }],
    };
  }
  const netOnly = [unshare, '--user', '--map-root-user', '--net'];
  if (tryRun([...netOnly, '--']) === null) {
    return {
      prefix: netOnly,
      hide: null,
      active: ['user-namespace', 'network-namespace'],
      unavailable: [
        ...extra,
        { layer: 'pid-namespace', reason: fullError },
        { layer: 'hidden-home', reason: fullError },
      ],
    };
  }
  return {
    prefix: [],
    hide: null,
    active: [],
    unavailable: (['user-namespace', 'network-namespace', 'pid-namespace', 'hidden-home'] as const).map((layer) => ({
      layer,
      reason: `unshare failed: ${fullError}`,
    })),
  };
}

/** `inner` run inside the sandbox, with an empty tmpfs over `hideDir` when given and possible. */
export function wrapCommand(os: OsSandbox, inner: string[], hideDir?: string): string[] {
  if (os.prefix.length === 0) return inner;
  if (hideDir && os.hide === 'bwrap') return [...os.prefix, '--tmpfs', hideDir, '--', ...inner];
  if (hideDir && os.hide === 'unshare') return [...hideWithUnshare(os.prefix, hideDir), ...inner];
  return [...os.prefix, '--', ...inner];
}

function hideWithUnshare(prefix: string[], dir: string): string[] {
  return [...prefix, '--mount', '--', '/bin/sh', '-c', 'mount -t tmpfs mcp-vet-hidden "$0" && exec "$@"', dir];
}

/** null when the wrapped `true` ran; otherwise a one-line reason. */
function tryRun(prefix: string[]): string | null {
  const truePath = findOnPath('true', '/usr/bin:/bin') ?? '/bin/true';
  const [cmd, ...args] = prefix;
  const res = spawnSync(cmd as string, [...args, truePath], {
    stdio: ['ignore', 'ignore', 'pipe'],
    timeout: 5_000,
    env: { PATH: '/usr/bin:/bin' },
  });
  if (res.error) return res.error.message;
  if (res.status === 0) return null;
  const stderr = res.stderr.toString('utf8').trim().split('\n')[0] ?? '';
  return stderr || `exit status ${String(res.status)}`;
}

export function findOnPath(name: string, path: string = process.env['PATH'] ?? '/usr/bin:/bin'): string | undefined {
  if (name.includes('/')) return existsSync(name) ? name : undefined;
  for (const dir of path.split(delimiter)) {
    if (!dir) continue;
    const candidate = join(dir, name);
    if (existsSync(candidate)) return candidate;
  }
  return undefined;
}
