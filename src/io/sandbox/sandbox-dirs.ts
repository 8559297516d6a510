import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { makeTempDir, removeTempDir } from './cleanup.js';
import type { SandboxView } from './view.js';

/** The temporary folders a sandboxed server sees: its HOME, working directory and TMPDIR. */
export interface SandboxDirs {
  root: string;
  home: string;
  /** the working directory, also `${WORKSPACE}` in launch arguments */
  workspace: string;
  tmp: string;
  /** synthetic /etc files for a bubblewrap root (nothing of the host's users or hosts) */
  etc?: { passwd: string; group: string; hosts: string };
}

export async function createSandboxDirs(prefix = 'mcp-vet-sandbox-'): Promise<SandboxDirs> {
  const root = await makeTempDir(prefix);
  const etcDir = join(root, 'etc');
  const etc = { passwd: join(etcDir, 'passwd'), group: join(etcDir, 'group'), hosts: join(etcDir, 'hosts') };
  const dirs: SandboxDirs = {
    root,
    home: join(root, 'home'),
    workspace: join(root, 'workspace'),
    tmp: join(root, 'tmp'),
    etc,
  };
  await Promise.all([mkdir(dirs.home), mkdir(dirs.workspace), mkdir(dirs.tmp), mkdir(etcDir)]);
  const uid = process.getuid?.() ?? 1000;
  const gid = process.getgid?.() ?? 1000;
  const users = ['root:x:0:0:root:/root:/bin/sh'];
  if (uid !== 0) users.push(`sandbox:x:${uid}:${gid}:sandbox:/sandbox/home:/bin/sh`);
  users.push('nobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin');
  const groups = ['root:x:0:'];
  if (gid !== 0) groups.push(`sandbox:x:${gid}:`);
  groups.push('nogroup:x:65534:');
  await Promise.all([
    writeFile(etc.passwd, `${users.join('\n')}\n`),
    writeFile(etc.group, `${groups.join('\n')}\n`),
    writeFile(etc.hosts, '127.0.0.1 localhost\n::1 localhost\n'),
  ]);
  return dirs;
}

export async function removeSandboxDirs(dirs: SandboxDirs): Promise<void> {
  await removeTempDir(dirs.root);
}

/** Expands `${WORKSPACE}`, `${HOME}` and `${TMPDIR}` in launch arguments to the paths the server sees. */
export function expandPlaceholders(args: readonly string[], dirs: SandboxView): string[] {
  const values: Record<string, string> = {
    WORKSPACE: dirs.workspace,
    HOME: dirs.home,
    TMPDIR: dirs.tmp,
    TMP: dirs.tmp,
  };
  return args.map((arg) => arg.replace(/\$\{([A-Z_]+)\}/g, (whole, name: string) => values[name] ?? whole));
}
