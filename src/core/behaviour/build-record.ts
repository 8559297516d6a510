import { canonicalBehaviour, type BehaviourDenial, type BehaviourRecord } from './record.js';
import type { ParsedTrace } from './parse-strace.js';
import { normaliseText, type PathPlaceholder } from './sandbox-paths.js';
import { sensitiveKind } from './sensitive-paths.js';

/** Where the traced server ran: which paths are its own, the system's, or a tree walk. */
export interface TraceContext {
  placeholders: readonly PathPlaceholder[];
  /** the install tree and the sandbox folders, as the server saw them */
  own: readonly string[];
  /** folders every runtime reads (libraries, TLS roots, /proc/self…), as the server saw them */
  system: readonly string[];
  /** ancestors of the install tree and the working directory: a failed probe there is a config search */
  ancestors: readonly string[];
  /** the server's working directory, for relative paths */
  cwd: string;
}

/** Folders of a Linux system a runtime reads; a server opening them is not telling anything. */
export const SYSTEM_PATHS: readonly string[] = [
  '/usr',
  '/lib',
  '/lib32',
  '/lib64',
  '/libx32',
  '/bin',
  '/sbin',
  '/etc/ld.so.cache',
  '/etc/ld.so.preload',
  '/etc/ld.so.conf',
  '/etc/ld.so.conf.d',
  '/etc/ssl',
  '/etc/pki',
  '/etc/ca-certificates',
  '/etc/localtime',
  '/etc/nsswitch.conf',
  '/etc/passwd',
  '/etc/group',
  '/etc/hosts',
  '/etc/host.conf',
  '/etc/resolv.conf',
  '/etc/gai.conf',
  '/etc/alternatives',
  '/etc/os-release',
  '/etc/selinux',
  '/proc/filesystems',
  '/proc/self',
  '/proc/thread-self',
  '/proc/meminfo',
  '/proc/cpuinfo',
  '/proc/stat',
  '/proc/sys/vm/overcommit_memory',
  '/proc/sys/kernel',
  '/sys/fs/cgroup',
  '/sys/devices/system/cpu',
  '/sys/kernel/mm/transparent_hugepage',
  '/dev/null',
  '/dev/zero',
  '/dev/random',
  '/dev/urandom',
  '/dev/tty',
  '/dev/pts',
  '/dev/shm',
  '/dev/stdin',
  '/dev/stdout',
  '/dev/stderr',
  '/dev/fd',
];

/** Unix sockets the C library tries by itself (name-service caches), not the server. */
const SYSTEM_SOCKETS = ['unix:/var/run/nscd/socket', 'unix:/run/nscd/socket'];

/** The behaviour record of one traced start, with the denials a sandbox layer reported. */
export function behaviourFromTrace(
  trace: ParsedTrace,
  ctx: TraceContext,
  denials: readonly BehaviourDenial[],
): BehaviourRecord {
  const norm = (s: string) => normaliseText(s, ctx.placeholders);
  const under = (path: string, roots: readonly string[]) =>
    roots.some((r) => path === r || path.startsWith(r.endsWith('/') ? r : `${r}/`));
  const files: BehaviourRecord['files'] = [];
  for (const f of trace.files) {
    if (f.relativeToFd) continue;
    const path = resolvePath(f.path, ctx.cwd);
    const shown = norm(path);
    const sensitive = sensitiveKind(shown);
    if (!sensitive) {
      if (under(path, ctx.own) || under(path, ctx.system)) continue;
      if (!f.ok && ctx.ancestors.includes(parentOf(path))) continue;
    }
    files.push({ path: shown, write: f.write, ...(sensitive ? { sensitive } : {}) });
  }
  const sockets = new Map<string, { address: string; listening: boolean; allInterfaces: boolean }>();
  for (const b of trace.binds) {
    if (b.family === 'unix') continue;
    const prev = sockets.get(b.address);
    sockets.set(b.address, {
      address: b.address,
      listening: prev?.listening ?? false,
      allInterfaces: allIfaces(b.address),
    });
  }
  for (const l of trace.listens) {
    const address = l.address ?? '0.0.0.0:0';
    sockets.set(address, { address, listening: true, allInterfaces: allIfaces(address) });
  }
  return canonicalBehaviour({
    formatVersion: 1,
    tracer: 'strace',
    spawns: trace.execs.map((e) => ({ command: [e.program, ...e.argv.slice(1)].map((a) => clip(norm(a))) })),
    connections: trace.connects
      .map((c) => ({ address: norm(c.address) }))
      .filter((c) => !SYSTEM_SOCKETS.includes(c.address)),
    sockets: [...sockets.values()].map((s) => ({ ...s, address: norm(s.address) })),
    files,
    denials: [...denials],
  });
}

/** The record when no tracer ran: only the denials. */
export function behaviourFromDenials(denials: readonly BehaviourDenial[]): BehaviourRecord {
  return canonicalBehaviour({
    formatVersion: 1,
    tracer: 'permission-denials',
    spawns: [],
    connections: [],
    sockets: [],
    files: [],
    denials: [...denials],
  });
}

function allIfaces(address: string): boolean {
  const host = address.replace(/:\d+$/, '').replace(/^\[|\]$/g, '');
  return host === '0.0.0.0' || host === '::' || host === '::ffff:0.0.0.0';
}

function resolvePath(path: string, cwd: string): string {
  const joined = path.startsWith('/') ? path : `${cwd}/${path}`;
  const parts: string[] = [];
  for (const part of joined.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') parts.pop();
    else parts.push(part);
  }
  return `/${parts.join('/')}`;
}

function parentOf(path: string): string {
  const i = path.lastIndexOf('/');
  return i <= 0 ? '/' : path.slice(0, i);
}

function clip(s: string): string {
  return s.length > 300 ? `${s.slice(0, 300)}\u2026` : s;
}
