import { splitRunSpec } from '../core/run/run-pin.js';
import { cacheRoot, installedTree } from '../io/cache/cache-paths.js';
import { markUsed } from '../io/cache/tree-store.js';
import { checkCachedTree, findCachedTree, installCachedTree } from './run-cache.js';
import { planLaunch, type Containment, type LaunchPlan } from './run-containment.js';
import type { Ports } from './ports.js';
import { verifyRunEvidence } from './run-evidence.js';
import { locateWorkspace, readPin, requirePinnedVersion } from './run-locate.js';

export interface RunRequest {
  /** `<pkg>[@<version>]` */
  spec: string;
  /** arguments for the server; null: the pin's launch.args */
  args: string[] | null;
  allowlist?: string;
  snapshots?: string;
  cacheDir?: string;
  registry?: string;
  containment: Containment;
  /** the ports (offline), built only when the evidence must be verified in full */
  ports: (workspace: { allowlist: string; snapshots: string }) => Promise<Ports>;
  env: NodeJS.ProcessEnv;
  cwd: string;
}

export interface RunPlan extends LaunchPlan {
  label: string;
  /** true when this start installed the closure (a cold start) */
  installed: boolean;
  /** true when the pin records its closure digest, so the cached tree is bound to what was approved */
  bound: boolean;
  /**
   * Resolves when the stored evidence and the cached tree verified; rejects with the refusal.
   * The server may be started (held at its gate) before, and must not be let through until then.
   */
  verified: Promise<void>;
}

/**
 * `mcp-vet run`: the pin, the version asked, then the stored evidence and the cached closure
 * (installed if absent, refused if changed), and how to start it. Each step refuses with its own
 * error code. A warm start reads a few small files and stats the tree — no registry, installer or
 * schema library — and does so while the server's Node boots behind its gate.
 */
export async function planRun(req: RunRequest): Promise<RunPlan> {
  const asked = splitRunSpec(req.spec);
  const ws = locateWorkspace(req, req.env);
  const located = readPin(ws, asked.name, req.cwd);
  const pin = located.pin;
  requirePinnedVersion(pin, asked.version, located.file);
  const workspace = ws as NonNullable<typeof ws>;
  const root = cacheRoot(req.env, req.cacheDir);
  const cached = findCachedTree(root, pin);
  const label = `${pin.name}@${pin.version}`;
  const bound = pin.dependencies.tree !== undefined;
  const ports = () => req.ports(workspace);
  if (!cached.record) {
    const evidence = await verifyRunEvidence(workspace, located, root, ports);
    const tree = await installCachedTree(root, cached.key, located, evidence.lock, {
      cwd: req.cwd,
      ...(req.registry ? { registry: req.registry } : {}),
    });
    markUsed(root, tree.key);
    const launch = await planLaunch(tree.dir, tree.record, pin, req.args, req.containment, req);
    return { ...launch, label, installed: true, bound, verified: Promise.resolve() };
  }
  const record = cached.record;
  const launch = await planLaunch(installedTree(root, cached.key), record, pin, req.args, req.containment, req);
  const verified = (async () => {
    // lets the caller start the server first
    await new Promise<void>((next) => setImmediate(next));
    await verifyRunEvidence(workspace, located, root, ports);
    checkCachedTree(root, cached.key, record, pin);
    markUsed(root, cached.key);
  })();
  verified.catch(() => undefined);
  return { ...launch, label, installed: false, bound, verified };
}
