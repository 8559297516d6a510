import { realpathSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, isAbsolute } from 'node:path';
import { SYSTEM_PATHS, type TraceContext } from '../../core/behaviour/build-record.js';
import type { PathPlaceholder } from '../../core/behaviour/sandbox-paths.js';
import { detectOsSandbox, wrapCommand, type SandboxLayer } from './layers.js';
import { nodeHasPermissionModel, nodePermissionFlags } from './node-permission.js';
import type { SandboxDirs } from './sandbox-dirs.js';
import { sandboxEnv } from './sandbox-env.js';
import type { LaunchSpec } from './sandboxed-process.js';
import { bwrapViewArgs, FIXED_VIEW, insideInstall, projectRoot, runtimePrefix, type SandboxView } from './view.js';

export type SandboxMode = 'strict' | 'relaxed';

/** What to run: a Node script (a package bin) or any command. Paths are the host's. */
export type LaunchTarget =
  | { kind: 'node'; script: string; args: string[]; installDir: string }
  | { kind: 'command'; command: string; args: string[] };

export interface SandboxRecord {
  active: SandboxLayer[];
  unavailable: SandboxLayer[];
  /** layers switched off on request or not applicable, with the reason */
  lifted: Array<{ layer: SandboxLayer; reason: string }>;
  /** why each unavailable layer is unavailable */
  reasons: Array<{ layer: SandboxLayer; reason: string }>;
}

export interface SandboxPlan {
  launch: Omit<LaunchSpec, 'stderrBytes' | 'label'>;
  record: SandboxRecord;
  /** the paths the server sees */
  view: SandboxView;
  /** sandbox paths (seen and host) and the placeholders they are recorded as */
  placeholders: PathPlaceholder[];
  /** the program the sandbox finally runs and its arguments, as the server sees them */
  inner: { program: string; args: string[] };
  /** how to read a trace of this start (everything but the placeholders) */
  trace: Omit<TraceContext, 'placeholders'>;
}

const SYSTEM_PATH = '/usr/local/bin:/usr/bin:/bin';

/**
 * Builds the command line and environment of a sandboxed start, and records which layers apply.
 * With bubblewrap the server sees a root of its own: the system folders, the runtime, its install
 * tree at /sandbox/server and its home, workspace and temp folders at fixed paths, so every start on
 * every machine sees the same paths and nothing of the user's. `target` gets the paths the server
 * sees, to expand placeholders in its arguments.
 */
export function planSandbox(
  target: (view: SandboxView) => LaunchTarget,
  dirs: SandboxDirs,
  env: readonly string[],
  mode: SandboxMode,
  options: { liftNodePermission?: string; placeholders?: Readonly<Record<string, string>> } = {},
): SandboxPlan {
  const os = detectOsSandbox();
  const bwrap = os.hide === 'bwrap';
  const record: SandboxRecord = {
    active: ['empty-env', 'temp-home', ...os.active],
    unavailable: os.unavailable.map((u) => u.layer),
    lifted: [],
    reasons: [...os.unavailable],
  };
  const hostView: SandboxView = { home: dirs.home, workspace: dirs.workspace, tmp: dirs.tmp };
  const seen: SandboxView = bwrap ? { ...FIXED_VIEW } : { ...hostView };
  const t = target(seen);
  const readOnly: string[] = [];
  let installDir: string | undefined;
  let program: string;
  let args: string[];
  let path = SYSTEM_PATH;
  if (t.kind === 'node') {
    installDir = t.installDir;
    if (!bwrap) seen.install = t.installDir;
    readOnly.push(runtimePrefix(process.execPath));
    const script = bwrap ? (insideInstall(t.script, t.installDir) ?? t.script) : t.script;
    if (bwrap && script === t.script) readOnly.push(t.script);
    path = `${dirname(process.execPath)}:${SYSTEM_PATH}`;
    program = process.execPath;
    if (mode === 'relaxed') {
      record.lifted.push({ layer: 'node-permission', reason: '--sandbox relaxed' });
      args = [script, ...t.args];
    } else if (options.liftNodePermission && bwrap) {
      record.lifted.push({ layer: 'node-permission', reason: options.liftNodePermission });
      args = [script, ...t.args];
    } else if (!nodeHasPermissionModel()) {
      record.unavailable.push('node-permission');
      record.reasons.push({
        layer: 'node-permission',
        reason: `Node ${process.versions.node} has no permission model`,
      });
      args = [script, ...t.args];
    } else {
      record.active.push('node-permission');
      // Inside a bubblewrap root the host is not there to be read, so reads are not restricted
      // (Node 20 throws on existsSync of a path it may not read, which breaks config searches);
      // writes, child processes and workers stay denied.
      const flags = bwrap
        ? nodePermissionFlags(['*'], [FIXED_VIEW.home, FIXED_VIEW.workspace, FIXED_VIEW.tmp, '/tmp'])
        : nodePermissionFlags([t.installDir, dirs.root], [dirs.root]);
      args = [...flags, '--disable-warning=ExperimentalWarning', script, ...t.args];
    }
  } else {
    record.lifted.push({ layer: 'node-permission', reason: 'not a Node package bin (--command)' });
    path = `${dirname(t.command)}:${SYSTEM_PATH}`;
    program = t.command;
    args = t.args;
    readOnly.push(runtimePrefix(t.command));
    const home = homedir();
    for (const arg of t.args)
      if (isAbsolute(arg) && !arg.startsWith('/sandbox/') && !arg.startsWith(`${dirs.root}/`))
        readOnly.push(projectRoot(arg, home));
  }
  let hideDir: string | undefined;
  const home = homedir();
  if (!bwrap && os.hide) {
    const needed = [dirs.root, ...(installDir ? [installDir] : []), program, ...readOnly];
    const clash = needed.find((p) => p === home || p.startsWith(`${home}/`));
    if (clash || home === '/' || !home) {
      record.unavailable.push('hidden-home');
      record.reasons.push({ layer: 'hidden-home', reason: `${clash ?? home} is inside the user's HOME (${home})` });
    } else {
      hideDir = home;
      record.active.push('hidden-home');
    }
  }
  const view = bwrap ? bwrapViewArgs({ dirs, ...(installDir ? { installDir } : {}), readOnly, etc: dirs.etc }) : [];
  record.active = [...new Set(record.active)].sort();
  record.unavailable = [...new Set(record.unavailable)].sort();
  const own = [seen.home, seen.workspace, seen.tmp, ...(seen.install ? [seen.install] : [])];
  if (bwrap) own.push(FIXED_VIEW.install, '/tmp');
  if (t.kind === 'command') own.push(...readOnly);
  return {
    launch: {
      argv: wrapCommand(os, [program, ...args], hideDir, view),
      cwd: dirs.workspace,
      env: sandboxEnv(seen, env, path, options.placeholders),
    },
    record,
    view: seen,
    placeholders: placeholdersFor(dirs, installDir, bwrap),
    inner: { program, args },
    trace: {
      own,
      system: [...SYSTEM_PATHS, runtimePrefix(program)],
      ancestors: [
        ...ancestors(seen.workspace),
        ...ancestors(bwrap ? FIXED_VIEW.install : (installDir ?? seen.workspace)),
      ],
      cwd: seen.workspace,
    },
  };
}

/** Every sandbox path a server could write into text, with its placeholder (host paths and their real paths too). */
function placeholdersFor(dirs: SandboxDirs, installDir: string | undefined, bwrap: boolean): PathPlaceholder[] {
  const out: PathPlaceholder[] = [];
  const add = (path: string, placeholder: string) => {
    out.push({ path, placeholder });
    try {
      const real = realpathSync(path);
      if (real !== path) out.push({ path: real, placeholder });
    } catch {
      // not there (yet)
    }
  };
  if (bwrap) {
    out.push({ path: FIXED_VIEW.home, placeholder: '${HOME}' });
    out.push({ path: FIXED_VIEW.workspace, placeholder: '${WORKSPACE}' });
    out.push({ path: FIXED_VIEW.tmp, placeholder: '${TMPDIR}' });
    out.push({ path: FIXED_VIEW.install, placeholder: '${INSTALL}' });
  }
  add(dirs.home, '${HOME}');
  add(dirs.workspace, '${WORKSPACE}');
  add(dirs.tmp, '${TMPDIR}');
  add(dirs.root, '${SANDBOX}');
  if (installDir) add(installDir, '${INSTALL}');
  return out;
}

function ancestors(path: string): string[] {
  const out: string[] = [];
  let dir = path;
  while (dirname(dir) !== dir) {
    out.push(dir);
    dir = dirname(dir);
  }
  out.push(dir);
  return out;
}
