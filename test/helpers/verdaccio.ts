import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  freePort,
  startLocalRegistry,
  type LocalRegistry as SharedRegistry,
} from '../../scripts/lib/local-registry.mjs';

export { freePort };

export interface LocalRegistry extends SharedRegistry {
  /** the temp dir that holds everything (config, storage, npmrc files) */
  root: string;
  /** Writes an .npmrc with the registry and token in a new dir and returns the env for runCli. */
  npmEnv(extra?: string): Promise<NodeJS.ProcessEnv>;
}

/**
 * A real Verdaccio on a free loopback port with its own storage in a temp dir (the same one the
 * demo uses). No uplinks: only what the tests publish exists. Reading `@private/*` and every
 * publish need authentication.
 */
export async function startRegistry(): Promise<LocalRegistry> {
  const root = await mkdtemp(join(tmpdir(), 'mcp-vet-registry-'));
  const shared = await startLocalRegistry(root, { privateScopes: ['@private'] });
  return {
    ...shared,
    root,
    npmEnv: async (extra = '') => {
      const dir = await mkdtemp(join(root, 'npmrc-'));
      await writeFile(
        join(dir, '.npmrc'),
        `registry=${shared.url}\n//127.0.0.1:${shared.port}/:_authToken=${shared.token}\n${extra}\n`,
      );
      return {
        npm_config_userconfig: join(dir, '.npmrc'),
        npm_config_cache: join(dir, 'cache'),
        npm_config_globalconfig: join(dir, 'global-npmrc'),
      };
    },
    stop: async () => {
      await shared.stop();
      await rm(root, { recursive: true, force: true });
    },
  };
}
