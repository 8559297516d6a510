import type { LockFile } from '../core/workspace/lock-file.js';
import type { RegistryClient } from '../io/registry.js';

/** The I/O a workflow needs, passed in so tests can substitute any part. */
export interface Services {
  registry: RegistryClient;
  /** `hint`: an earlier closure of the same package, to prefetch what is likely needed */
  resolveLock(name: string, version: string, hint?: LockFile): Promise<LockFile>;
  now(): Date;
}
