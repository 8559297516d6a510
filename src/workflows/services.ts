import type { LockFile } from '../core/workspace/lock-file.js';
import type { RegistryClient } from '../io/registry.js';

/** The I/O a workflow needs, passed in so tests can substitute any part. */
export interface Services {
  registry: RegistryClient;
  resolveLock(name: string, version: string): Promise<LockFile>;
  now(): Date;
}
