import type { LockFile } from '../workspace/lock-file.js';
import { sourceKind } from './lock-diff.js';

/** True when the lock records dependency edges (locks written before they were recorded do not). */
export function lockHasEdges(lock: LockFile): boolean {
  const nodes = Object.values(lock.packages);
  return nodes.length === 1 || nodes.some((n) => n.dependencies || n.optionalDependencies || n.peerDependencies);
}

/**
 * A package-lock.json (lockfileVersion 3) for a project that depends on exactly the locked root,
 * so that npm's installer reproduces the pinned closure instead of resolving a new one. Registry
 * tarballs carry no `resolved` (the installer fetches name@version from the configured registry
 * and checks the integrity); other sources keep theirs. `local`: lock paths whose tarball is already
 * at hand (a `file:` path relative to the project), installed from there, integrity still checked.
 */
export function toPackageLock(
  lock: LockFile,
  projectName = 'mcp-vet-snapshot',
  local: Readonly<Record<string, string>> = {},
): Record<string, unknown> {
  const packages: Record<string, unknown> = {
    '': { name: projectName, version: '0.0.0', dependencies: { [lock.root.name]: lock.root.version } },
  };
  for (const [path, node] of Object.entries(lock.packages)) {
    const entry: Record<string, unknown> = { version: node.version };
    if (node.name !== path.slice(path.lastIndexOf('node_modules/') + 'node_modules/'.length)) entry['name'] = node.name;
    if (node.integrity) entry['integrity'] = node.integrity;
    const file = local[path];
    if (file !== undefined && node.integrity) entry['resolved'] = `file:${file}`;
    else if (node.resolved && sourceKind(node.resolved) !== 'registry') entry['resolved'] = node.resolved;
    if (node.optional) entry['optional'] = true;
    if (node.bundled) entry['inBundle'] = true;
    if (node.hasInstallScript) entry['hasInstallScript'] = true;
    if (node.dependencies) entry['dependencies'] = node.dependencies;
    if (node.optionalDependencies) entry['optionalDependencies'] = node.optionalDependencies;
    if (node.peerDependencies) entry['peerDependencies'] = node.peerDependencies;
    if (node.peerDependenciesMeta) entry['peerDependenciesMeta'] = node.peerDependenciesMeta;
    packages[path] = entry;
  }
  return { name: projectName, version: '0.0.0', lockfileVersion: 3, requires: true, packages };
}
