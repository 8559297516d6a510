import type { SandboxView } from './view.js';

/** The value every declared variable gets: recognisable, so an echo of it can be spotted. */
export function placeholderValue(name: string): string {
  return `mcp-vet-placeholder-${name}`;
}

/**
 * An empty environment plus what a process needs to start (PATH, HOME, TMPDIR in the sandbox) and
 * the declared variable names with placeholder values. Nothing is inherited from the user.
 */
export function sandboxEnv(dirs: SandboxView, declared: readonly string[], path: string): Record<string, string> {
  const env: Record<string, string> = {};
  for (const name of declared) env[name] = placeholderValue(name);
  env['PATH'] = path;
  env['HOME'] = dirs.home;
  env['USERPROFILE'] = dirs.home;
  env['TMPDIR'] = dirs.tmp;
  env['LANG'] = 'C.UTF-8';
  env['NO_COLOR'] = '1';
  return env;
}
