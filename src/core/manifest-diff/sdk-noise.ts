/**
 * Differences that come from the MCP SDK or zod version a server was installed with, not from the
 * server's own code. They are reported as info (`manifest/sdk-noise`), never hidden.
 */
export const MAX_SAFE = 9007199254740991;

/** `maximum: 2^53-1` / `minimum: -(2^53-1)` (and the exclusive forms) that zod emits for integers. */
export function isSafeIntegerBound(keyword: string, value: unknown): boolean {
  if (typeof value !== 'number') return false;
  if (keyword === 'maximum' || keyword === 'exclusiveMaximum') return value === MAX_SAFE || value === MAX_SAFE + 1;
  if (keyword === 'minimum' || keyword === 'exclusiveMinimum') return value === -MAX_SAFE || value === -MAX_SAFE - 1;
  return false;
}

/** Tool members whose changes are SDK drift. */
export const NOISY_TOOL_PATHS = new Set(['execution.taskSupport']);
