import { dirname } from 'node:path';
import { homedir } from 'node:os';
import { detectOsSandbox, wrapCommand, type SandboxLayer } from './layers.js';
import { nodeHasPermissionModel, nodePermissionFlags } from './node-permission.js';
import type { SandboxDirs } from './sandbox-dirs.js';
import { sandboxEnv } from './sandbox-env.js';
import type { LaunchSpec } from './sandboxed-process.js';

export type SandboxMode = 'strict' | 'relaxed';

/** What to run: a Node script (a package bin) or any command. */
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
}

const SYSTEM_PATH = '/usr/local/bin:/usr/bin:/bin';

/** Builds the command line and environment of a sandboxed start, and records which layers apply. */
export function planSandbox(
  target: LaunchTarget,
  dirs: SandboxDirs,
  env: readonly string[],
  mode: SandboxMode,
): SandboxPlan {
  const os = detectOsSandbox();
  const record: SandboxRecord = {
    active: ['empty-env', 'temp-home', ...os.active],
    unavailable: os.unavailable.map((u) => u.layer),
    lifted: [],
    reasons: [...os.unavailable],
  };
  let inner: string[];
  let path = SYSTEM_PATH;
  if (target.kind === 'node') {
    path = `${dirname(process.execPath)}:${SYSTEM_PATH}`;
    if (mode === 'relaxed') {
      record.lifted.push({ layer: 'node-permission', reason: '--sandbox relaxed' });
      inner = [process.execPath, target.script, ...target.args];
    } else if (!nodeHasPermissionModel()) {
      record.unavailable.push('node-permission');
      record.reasons.push({
        layer: 'node-permission',
        reason: `Node ${process.versions.node} has no permission model`,
      });
      inner = [process.execPath, target.script, ...target.args];
    } else {
      record.active.push('node-permission');
      const flags = nodePermissionFlags([target.installDir, dirs.root], [dirs.root]);
      inner = [process.execPath, ...flags, '--disable-warning=ExperimentalWarning', target.script, ...target.args];
    }
  } else {
    record.lifted.push({ layer: 'node-permission', reason: 'not a Node package bin (--command)' });
    path = `${dirname(target.command)}:${SYSTEM_PATH}`;
    inner = [target.command, ...target.args];
  }
  const home = homedir();
  const needed = [
    dirs.root,
    target.kind === 'node' ? target.installDir : target.command,
    target.kind === 'node' ? target.script : target.command,
  ];
  let hideDir: string | undefined;
  if (os.hide) {
    const clash = needed.find((p) => p === home || p.startsWith(`${home}/`));
    if (clash || home === '/' || !home) {
      record.unavailable.push('hidden-home');
      record.reasons.push({ layer: 'hidden-home', reason: `${clash ?? home} is inside the user's HOME (${home})` });
    } else {
      hideDir = home;
      record.active.push('hidden-home');
    }
  }
  record.active.sort();
  record.unavailable.sort();
  return {
    launch: { argv: wrapCommand(os, inner, hideDir), cwd: dirs.workspace, env: sandboxEnv(dirs, env, path) },
    record,
  };
}
