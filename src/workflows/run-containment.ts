import { homedir, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { VetError } from '../core/errors.js';
import type { RunPin } from '../core/run/run-pin.js';
import type { TreeRecord } from '../io/cache/tree-record.js';
import { GATE_FLAGS } from '../io/run/gate.js';
import type { ServerLaunch } from '../io/run/supervise.js';

export interface Containment {
  /** false: the server runs in its own network namespace (no network at all) */
  network: boolean;
  /** Node's permission model: read the install tree and the declared paths, write only the declared writable ones */
  limitFs: boolean;
  allowRead: string[];
  allowWrite: string[];
}

/**
 * bubblewrap starts from an empty root: --no-network closes the network only, so the server sees
 * the host's file system as it is (its own /proc for its own process namespace).
 */
const HOST_VIEW = ['--bind', '/', '/', '--proc', '/proc', '--dev', '/dev'];

export interface LaunchPlan extends ServerLaunch {
  /** what is in force, for the --verbose line on stderr */
  layers: string[];
  /** the server's own entry: its bin script and arguments (what `argv` starts, behind its gate) */
  entry: { script: string; args: string[] };
  /** true when a layer needs a process of its own (Node permission flags, a network namespace) */
  wrapped: boolean;
}

/**
 * How the pinned server is started: the bin recorded with its tree, run by this Node; the
 * arguments given after the package, else the pin's `launch.args` (`${WORKSPACE}` is the working
 * directory); only the environment variables the pin declares, with the user's values;
 * optionally Node's file permissions and a closed network.
 */
export async function planLaunch(
  tree: string,
  record: TreeRecord,
  pin: RunPin,
  args: string[] | null,
  containment: Containment,
  context: { env: NodeJS.ProcessEnv; cwd: string },
): Promise<LaunchPlan> {
  const script = join(tree, ...record.bin.script.split('/'));
  const expand = (arg: string) =>
    arg.replace(/\$\{(WORKSPACE|HOME|TMPDIR)\}/g, (_, v: string) =>
      v === 'WORKSPACE' ? context.cwd : v === 'HOME' ? homedir() : tmpdir(),
    );
  const serverArgs = args ?? pin.launch.args.map(expand);
  const env: Record<string, string> = {};
  for (const name of pin.launch.env) {
    const value = context.env[name];
    if (value !== undefined) env[name] = value;
  }
  const layers = ['pinned-closure', 'declared-env'];
  let inner = [process.execPath, ...GATE_FLAGS, script, ...serverArgs];
  if (containment.limitFs) {
    const { nodeHasPermissionModel, nodePermissionFlags } = await import('../io/sandbox/node-permission.js');
    if (!nodeHasPermissionModel())
      throw new VetError('SERVER_FAILED', `--limit-fs: Node ${process.versions.node} has no permission model`);
    const read = [tree, ...containment.allowRead, ...containment.allowWrite].map((p) => resolve(context.cwd, p));
    const write = containment.allowWrite.map((p) => resolve(context.cwd, p));
    inner = [
      process.execPath,
      ...nodePermissionFlags(read, write),
      '--disable-warning=ExperimentalWarning',
      ...GATE_FLAGS,
      script,
      ...serverArgs,
    ];
    layers.push('node-permission');
  }
  let argv = inner;
  if (!containment.network) {
    const { detectOsSandbox, wrapCommand } = await import('../io/sandbox/layers.js');
    const os = detectOsSandbox();
    if (!os.active.includes('network-namespace'))
      throw new VetError(
        'SERVER_FAILED',
        `--no-network: this system cannot close the network for the server (${os.unavailable.map((u) => u.reason)[0] ?? 'no network namespace'})`,
      );
    argv = wrapCommand(os, inner, undefined, HOST_VIEW);
    layers.push('network-namespace');
  }
  return {
    argv,
    env,
    cwd: context.cwd,
    layers,
    entry: { script, args: serverArgs },
    wrapped: containment.limitFs || !containment.network,
  };
}
