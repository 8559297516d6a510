import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The temporary folders a sandboxed server sees: its HOME, working directory and TMPDIR. */
export interface SandboxDirs {
  root: string;
  home: string;
  /** the working directory, also `${WORKSPACE}` in launch arguments */
  workspace: string;
  tmp: string;
}

export async function createSandboxDirs(prefix = 'mcp-vet-sandbox-'): Promise<SandboxDirs> {
  const root = await mkdtemp(join(tmpdir(), prefix));
  const dirs = { root, home: join(root, 'home'), workspace: join(root, 'workspace'), tmp: join(root, 'tmp') };
  await Promise.all([mkdir(dirs.home), mkdir(dirs.workspace), mkdir(dirs.tmp)]);
  return dirs;
}

export async function removeSandboxDirs(dirs: SandboxDirs): Promise<void> {
  await rm(dirs.root, { recursive: true, force: true, maxRetries: 3 });
}

/** Expands `${WORKSPACE}`, `${HOME}` and `${TMPDIR}` in launch arguments to sandbox paths. */
export function expandPlaceholders(args: readonly string[], dirs: SandboxDirs): string[] {
  const values: Record<string, string> = {
    WORKSPACE: dirs.workspace,
    HOME: dirs.home,
    TMPDIR: dirs.tmp,
    TMP: dirs.tmp,
  };
  return args.map((arg) => arg.replace(/\$\{([A-Z_]+)\}/g, (whole, name: string) => values[name] ?? whole));
}
