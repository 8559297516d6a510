import type { DenialKind } from './record.js';

/** A sandbox layer that denies operations, and what lifts it. */
export interface DenyingLayer {
  /** as recorded in a manifest's probe context (`probe.sandbox.active`) */
  layer: 'node-permission' | 'network-namespace' | 'mount-namespace';
  /** the layer in words */
  name: string;
  /** how to lift it, or that nothing does */
  lift: string;
}

const NODE_PERMISSION: DenyingLayer = {
  layer: 'node-permission',
  name: "Node's permission model",
  lift: '--sandbox relaxed lifts this layer only (the OS sandbox, with no network and the host hidden, stays)',
};
const NETWORK_NAMESPACE: DenyingLayer = {
  layer: 'network-namespace',
  name: 'the network namespace',
  lift: 'no option lifts it: a snapshotted server never gets network access (only loopback inside the sandbox)',
};

/**
 * The bubblewrap root: the install tree, the runtime and the system folders are mounted read-only,
 * so a write there fails with EROFS (a read-only file system).
 */
export const MOUNT_NAMESPACE: DenyingLayer = {
  layer: 'mount-namespace',
  name: 'the mount namespace (read-only install tree and system folders)',
  lift: 'no option lifts it: a server may write only to ${HOME}, ${TMPDIR} and ${WORKSPACE}',
};

/** A line of stderr that is a write refused by a read-only mount. */
export const READ_ONLY_WRITE = /\bEROFS\b|read-only file system/i;

/**
 * Which layer denied an operation of this kind. Node's permission model denies file reads and
 * writes, child processes, workers and native addons; the network namespace denies connections
 * and name lookups. The mount namespace (bubblewrap) denies nothing: what it hides is simply not
 * there (ENOENT), so no option is needed for it.
 */
export function denyingLayer(kind: DenialKind): DenyingLayer {
  return kind === 'network' ? NETWORK_NAMESPACE : NODE_PERMISSION;
}
