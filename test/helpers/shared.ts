import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

/**
 * ../shared beside the checkout holds third-party fixtures and corpus data. Tests that need it
 * skip with a printed reason when it is absent, and fail when REQUIRE_SHARED=1 (as in CI).
 */
export const SHARED_DIR = resolve(import.meta.dirname, '..', '..', '..', 'shared');

export function sharedPath(...parts: string[]): string {
  return join(SHARED_DIR, ...parts);
}

/** True when the shared data is there. Throws when it is required but missing. */
export function haveShared(...parts: string[]): boolean {
  const path = sharedPath(...parts);
  if (existsSync(path)) return true;
  if (process.env['REQUIRE_SHARED'] === '1') {
    throw new Error(`REQUIRE_SHARED=1 but ${path} is missing`);
  }
  console.warn(`skipping: ${path} is missing (third-party data in ../shared is not part of the repository)`);
  return false;
}
