import { existsSync, lstatSync, readlinkSync, statSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, sep } from 'node:path';
import type { SandboxDirs } from './sandbox-dirs.js';

/**
 * The paths a sandboxed server sees. Inside a mount namespace built by bubblewrap they are the same
 * on every start and every machine; without one they are the host's temporary folders.
 */
export interface SandboxView {
  home: string;
  workspace: string;
  tmp: string;
  /** where the install tree (node_modules) is seen, when there is one */
  install?: string;
}

/** The fixed layout inside the mount namespace. */
export const FIXED_VIEW: Required<SandboxView> = {
  home: '/sandbox/home',
  workspace: '/sandbox/workspace',
  tmp: '/sandbox/tmp',
  install: '/sandbox/server',
};

/** System folders that are visible read-only: programs and libraries, nothing of a user's. */
const SYSTEM_DIRS = ['/usr', '/bin', '/sbin', '/lib', '/lib32', '/lib64', '/libx32'];
/** Files of /etc a runtime reads at start-up (TLS roots, time zone, the dynamic loader's cache). */
const ETC_FILES = [
  '/etc/ssl/certs',
  '/etc/ssl/openssl.cnf',
  '/etc/ca-certificates',
  '/etc/pki/tls/certs',
  '/etc/pki/ca-trust',
  '/etc/ld.so.cache',
  '/etc/ld.so.conf',
  '/etc/ld.so.conf.d',
  '/etc/localtime',
  '/etc/nsswitch.conf',
  '/etc/alternatives',
];

export interface BwrapViewInput {
  dirs: SandboxDirs;
  /** the host's install tree, seen at FIXED_VIEW.install */
  installDir?: string;
  /** further host paths needed read-only at their own path (the runtime, a --command's project) */
  readOnly: string[];
  /** synthetic /etc/passwd, /etc/group and /etc/hosts, written into the sandbox root */
  etc?: { passwd: string; group: string; hosts: string } | undefined;
}

/**
 * bubblewrap arguments for a root that holds only the system folders, the runtime, the install
 * tree and the sandbox's own home, workspace and temp folders; a private /tmp; /proc of the new pid
 * namespace; a minimal /dev. The root itself is read-only.
 */
export function bwrapViewArgs(input: BwrapViewInput): string[] {
  const args: string[] = [];
  for (const dir of SYSTEM_DIRS) {
    let st;
    try {
      st = lstatSync(dir);
    } catch {
      continue;
    }
    if (st.isSymbolicLink()) args.push('--symlink', readlinkSync(dir), dir);
    else if (st.isDirectory()) args.push('--ro-bind', dir, dir);
  }
  for (const file of ETC_FILES) if (existsSync(file)) args.push('--ro-bind', file, file);
  if (input.etc) {
    args.push('--ro-bind', input.etc.passwd, '/etc/passwd');
    args.push('--ro-bind', input.etc.group, '/etc/group');
    args.push('--ro-bind', input.etc.hosts, '/etc/hosts');
  }
  args.push('--proc', '/proc', '--dev', '/dev', '--tmpfs', '/tmp');
  for (const path of minimalCover(input.readOnly)) {
    if (SYSTEM_DIRS.some((d) => path === d || path.startsWith(`${d}/`))) continue;
    args.push('--ro-bind', path, path);
  }
  if (input.installDir) args.push('--ro-bind', input.installDir, FIXED_VIEW.install);
  args.push('--bind', input.dirs.home, FIXED_VIEW.home);
  args.push('--bind', input.dirs.workspace, FIXED_VIEW.workspace);
  args.push('--bind', input.dirs.tmp, FIXED_VIEW.tmp);
  args.push('--chdir', FIXED_VIEW.workspace, '--remount-ro', '/');
  return args;
}

/** `path` under the install tree, as the server sees it. */
export function insideInstall(path: string, installDir: string): string | undefined {
  const rel = relative(installDir, path);
  if (rel === '' || rel.startsWith('..') || isAbsolute(rel)) return rel === '' ? FIXED_VIEW.install : undefined;
  return join(FIXED_VIEW.install, rel);
}

/** The installation prefix of a runtime binary (…/bin/node → …), to be visible as a whole. */
export function runtimePrefix(execPath: string): string {
  const bin = dirname(execPath);
  return bin.endsWith(`${sep}bin`) ? dirname(bin) : bin;
}

/**
 * The project folder of a local script: the nearest folder above it with a package.json or
 * node_modules (so its imports resolve), else its own folder. Never `/` or the user's HOME itself.
 */
export function projectRoot(path: string, home: string): string {
  let dir = isDirectory(path) ? path : dirname(path);
  const own = dir;
  while (dir !== dirname(dir) && dir !== home) {
    if (existsSync(join(dir, 'package.json')) || existsSync(join(dir, 'node_modules'))) return dir;
    dir = dirname(dir);
  }
  return own;
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/** Paths with every path that lies inside another one dropped, sorted. */
function minimalCover(paths: string[]): string[] {
  const sorted = [...new Set(paths.filter((p) => isAbsolute(p) && existsSync(p)))].sort();
  return sorted.filter((p) => !sorted.some((q) => q !== p && (q === '/' || p.startsWith(`${q}/`))));
}
