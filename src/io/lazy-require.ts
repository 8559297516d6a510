import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/**
 * A CommonJS dependency loaded on its first use. pacote, arborist, npm-registry-fetch and Sigstore
 * take hundreds of milliseconds and tens of megabytes to load; a command that never needs one
 * (`check --offline`, `snapshot --command`, `--help`) should not pay for it.
 */
export function lazyRequire<T>(id: string): () => T {
  let mod: T | undefined;
  return () => (mod ??= require(id) as T);
}
