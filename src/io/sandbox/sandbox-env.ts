import type { SandboxView } from './view.js';

/** The value every declared variable gets: recognisable, so an echo of it can be spotted. */
export function placeholderValue(name: string): string {
  return `mcp-vet-placeholder-${name}`;
}

/** The value a declared variable gets: the placeholder given for it (--env-placeholder), else the generic one. */
export function placeholderFor(name: string, placeholders: Readonly<Record<string, string>> = {}): string {
  return Object.hasOwn(placeholders, name) ? placeholders[name]! : placeholderValue(name);
}

/** Variables the sandbox sets itself: a placeholder may not replace them. */
export const SANDBOX_SET_VARIABLES: readonly string[] = ['PATH', 'HOME', 'USERPROFILE', 'TMPDIR', 'LANG', 'NO_COLOR'];

/**
 * An empty environment plus what a process needs to start (PATH, HOME, TMPDIR in the sandbox) and
 * the declared variable names with placeholder values. Nothing is inherited from the user.
 */
export function sandboxEnv(
  dirs: SandboxView,
  declared: readonly string[],
  path: string,
  placeholders: Readonly<Record<string, string>> = {},
): Record<string, string> {
  const env: Record<string, string> = {};
  for (const name of declared) env[name] = placeholderFor(name, placeholders);
  env['PATH'] = path;
  env['HOME'] = dirs.home;
  env['USERPROFILE'] = dirs.home;
  env['TMPDIR'] = dirs.tmp;
  env['LANG'] = 'C.UTF-8';
  env['NO_COLOR'] = '1';
  return env;
}
