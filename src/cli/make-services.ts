import { resolveLock } from '../io/lock-resolver.js';
import { loadNpmConfig } from '../io/npm-config.js';
import { PackumentCache } from '../io/packument-cache.js';
import { createRegistryClient } from '../io/registry.js';
import { Workspace } from '../io/workspace.js';
import type { Services } from '../workflows/services.js';
import type { RegistryOptions, WorkspaceOptions } from './common-options.js';

/** The real I/O, configured from the user's npm configuration and the command line. */
export async function makeServices(options: RegistryOptions): Promise<Services> {
  const npm = await loadNpmConfig(options.registry ? { registry: options.registry } : {});
  // One run, one packument cache: pins that share dependencies ask the registry once for each.
  const packuments = new PackumentCache();
  const registry = createRegistryClient(npm, packuments);
  return {
    registry,
    resolveLock: (name, version, hint) => resolveLock(name, version, npm, hint, packuments),
    now: () => new Date(),
  };
}

export function makeWorkspace(options: WorkspaceOptions): Workspace {
  return Workspace.at(options);
}
