import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

/**
 * Whether the npm registry of this machine's npm configuration answers. Tests against real
 * published servers skip with a printed reason when it does not, except in CI, where they must run.
 */
export async function haveRealRegistry(probe = '@modelcontextprotocol/server-memory'): Promise<boolean> {
  try {
    await run('npm', ['view', probe, 'version'], { timeout: 30_000 });
    return true;
  } catch (err) {
    if (process.env['CI'])
      throw new Error(`CI: the npm registry is required but did not answer: ${(err as Error).message}`);
    console.warn(`skipping: the npm registry did not answer (${(err as Error).message.split('\n')[0]})`);
    return false;
  }
}
