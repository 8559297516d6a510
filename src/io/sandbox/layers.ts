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
  | 'mount-namespace'
  | 'bubblewrap'
  | 'hidden-home'
  | 'host-hidden'
  | 'private-tmp'
  | 'fixed-paths'
  | 'loopback'
  | 'die-with-parent'
  | 'node-permission';

export interface OsSandbox {
  /** argv prefix that runs a command inside the OS sandbox (empty when none is available), without the final `--` */
  prefix: string[];
  /**
   * bwrap: the prefix is bubblewrap and each start builds its own root (only system folders, the
   * runtime, the install tree and the sandbox folders, at fixed paths); unshare: an empty tmpfs can
   * be mounted over a folder (the user's HOME); null: no mount namespace.
   */
  hide: 'bwrap' | 'unshare' | null;
  /** `setpriv --pdeathsig KILL` when available: put before a wrapper (strace) whose parent may die */
  deathSig: string[];
  /** `ip`, to bring loopback up in an `unshare` network namespace (bubblewrap does it itself) */
  ip?: string;
  active: SandboxLayer[];
  unavailable: Array<{ layer: SandboxLayer; reason: string }>;
}

let cached: OsSandbox | undefined;

/** Layers only a bubblewrap root gives. */
const VIEW_LAYERS = ['mount-namespace', 'host-hidden', 'private-tmp', 'fixed-paths'] as const;
const NAMESPACE_LAYERS = ['user-namespace', 'network-namespace', 'pid-namespace', 'hidden-home', 'loopback'] as const;

/**
 * What the OS allows here, probed once: bubblewrap when installed, else `unshare` with user, network
 * and pid namespaces. A layer that does not work is reported with the reason, never silently dropped.
 */
export function detectOsSandbox(options: { refresh?: boolean; path?: string } = {}): OsSandbox {
  if (cached && !options.refresh) return cached;
  cached = probe(options.path);
  return cached;
}

function none(reason: string): OsSandbox {
  return {
    prefix: [],
    hide: null,
    deathSig: [],
    active: [],
    unavailable: [...NAMESPACE_LAYERS, ...VIEW_LAYERS, 'die-with-parent' as const].map((layer) => ({ layer, reason })),
  };
}

function probe(path = process.env['PATH'] ?? '/usr/bin:/bin'): OsSandbox {
  if (process.platform !== 'linux') return none(`not available on ${process.platform}`);
  const setpriv = findOnPath('setpriv', path);
  const deathSig =
    setpriv && tryRun([setpriv, '--pdeathsig', 'KILL', '--']) === null ? [setpriv, '--pdeathsig', 'KILL'] : [];
  const bwrap = findOnPath('bwrap', path);
  let bwrapError: string | null = null;
  if (bwrap) {
    const prefix = [
      bwrap,
      '--unshare-user',
      '--unshare-net',
      '--unshare-pid',
      '--unshare-ipc',
      '--unshare-uts',
      '--die-with-parent',
    ];
    const truePath = findOnPath('true', '/usr/bin:/bin') ?? '/bin/true';
    bwrapError = tryRun(
      [...prefix, '--ro-bind', '/', '/', '--proc', '/proc', '--dev', '/dev', '--tmpfs', '/tmp', '--'],
      truePath,
    );
    if (bwrapError === null)
      return {
        prefix,
        hide: 'bwrap',
        deathSig,
        active: [
          'bubblewrap',
          'die-with-parent',
          'loopback',
          'user-namespace',
          'network-namespace',
          'pid-namespace',
          'mount-namespace',
          'hidden-home',
          'host-hidden',
          'private-tmp',
          'fixed-paths',
        ],
        unavailable: [],
      };
  }
  const noView = (why: string) => VIEW_LAYERS.map((layer) => ({ layer, reason: why }));
  const viewReason = bwrap
    ? `bwrap is installed but failed (${bwrapError ?? ''}); using unshare`
    : 'bubblewrap is not installed';
  const unshare = findOnPath('unshare', path);
  if (!unshare) return none(bwrap ? viewReason : 'neither bwrap nor unshare is installed');
  const dieLayer = deathSig.length
    ? { active: ['die-with-parent' as const], unavailable: [] }
    : {
        active: [],
        unavailable: [{ layer: 'die-with-parent' as const, reason: 'setpriv --pdeathsig is not available' }],
      };
  const ip = findOnPath('ip', '/usr/sbin:/sbin:/usr/bin:/bin');
  const full = [...deathSig, unshare, '--user', '--map-root-user', '--net', '--pid', '--fork', '--kill-child'];
  const fullError = tryRun([...full, '--']);
  if (fullError === null) {
    const lo = ip !== undefined && loopbackWorks([...full, '--'], ip);
    const loopLayer = lo
      ? { active: ['loopback' as const], unavailable: [] }
      : {
          active: [],
          unavailable: [
            { layer: 'loopback' as const, reason: ip ? 'ip link set lo up failed' : 'ip is not installed' },
          ],
        };
    const mountError = tryRun(hideWithUnshare(full, '/tmp', undefined));
    const base = ['user-namespace', 'network-namespace', 'pid-namespace'] as SandboxLayer[];
    return {
      prefix: full,
      hide: mountError === null ? 'unshare' : null,
      deathSig,
      ...(lo ? { ip } : {}),
      active: [...base, ...loopLayer.active, ...dieLayer.active],
      unavailable: [
        ...noView(viewReason),
        ...loopLayer.unavailable,
        ...dieLayer.unavailable,
        ...(mountError === null ? [] : [{ layer: 'hidden-home' as const, reason: `mount namespace: ${mountError}` }]),
      ],
    };
  }
  const netOnly = [...deathSig, unshare, '--user', '--map-root-user', '--net'];
  if (tryRun([...netOnly, '--']) === null) {
    return {
      prefix: netOnly,
      hide: null,
      deathSig,
      active: ['user-namespace', 'network-namespace', ...dieLayer.active],
      unavailable: [
        ...noView(viewReason),
        ...dieLayer.unavailable,
        { layer: 'pid-namespace', reason: fullError },
        { layer: 'hidden-home', reason: fullError },
        { layer: 'loopback', reason: fullError },
      ],
    };
  }
  return none(`unshare failed: ${fullError}`);
}

function loopbackWorks(prefix: string[], ip: string): boolean {
  return tryRun([...prefix, '/bin/sh', '-c', `"$0" link set lo up`, ip]) === null;
}

/**
 * `inner` run inside the sandbox. bubblewrap: `view` holds the arguments that build its root.
 * unshare: an empty tmpfs over `hideDir` when given and possible, and loopback brought up.
 */
export function wrapCommand(os: OsSandbox, inner: string[], hideDir?: string, view: string[] = []): string[] {
  if (os.prefix.length === 0) return inner;
  if (os.hide === 'bwrap') return [...os.prefix, ...view, '--', ...inner];
  if ((hideDir && os.hide === 'unshare') || os.ip) return [...hideWithUnshare(os.prefix, hideDir, os.ip), ...inner];
  return [...os.prefix, '--', ...inner];
}

function hideWithUnshare(prefix: string[], dir: string | undefined, ip: string | undefined): string[] {
  const steps: string[] = [];
  const params: string[] = [];
  if (ip) {
    steps.push('"$1" link set lo up');
    params.push(ip);
  } else params.push('-');
  if (dir) {
    steps.push('mount -t tmpfs mcp-vet-hidden "$2"');
    params.push(dir);
  } else params.push('-');
  steps.push('shift 2', 'exec "$@"');
  const flags = dir ? ['--mount'] : [];
  return [...prefix, ...flags, '--', '/bin/sh', '-c', steps.join(' && '), 'mcp-vet-sandbox', ...params];
}

/** null when the wrapped `true` ran; otherwise a one-line reason. */
function tryRun(prefix: string[], truePath = findOnPath('true', '/usr/bin:/bin') ?? '/bin/true'): string | null {
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
