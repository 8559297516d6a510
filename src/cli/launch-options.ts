import semver from 'semver';
import { VetError } from '../core/errors.js';
import { SANDBOX_SET_VARIABLES } from '../io/sandbox/sandbox-env.js';

const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * The names given with --env. A value (NAME=VALUE) is a usage error, so a secret never reaches the
 * allowlist; the message names the variable, never what follows '='.
 */
export function envNames(values: readonly string[]): string[] {
  for (const value of values) {
    if (ENV_NAME.test(value)) continue;
    const eq = value.indexOf('=');
    if (eq > 0 && ENV_NAME.test(value.slice(0, eq)))
      throw new VetError(
        'USAGE',
        `--env ${value.slice(0, eq)}=…: --env takes the variable's name only, never its value (the server gets the value from the environment it runs in); nothing was written`,
      );
    throw new VetError(
      'USAGE',
      `--env: "${value}" is not an environment variable name (letters, digits and _, not starting with a digit); nothing was written`,
    );
  }
  return [...values];
}

const MAX_PLACEHOLDER = 200;

/**
 * The values of --env-placeholder NAME=VALUE: a placeholder of the right shape (a key-format check
 * the server does at start-up, e.g. `sk_test_xxxxxxxx`) for a variable declared with --env. It is
 * stored in the pin as a placeholder (launch.placeholders), so it must not be a secret: a value
 * equal to the variable's value in this environment is refused, and the message never shows it.
 */
export function envPlaceholders(
  values: readonly string[],
  declared: readonly string[],
  environment: NodeJS.ProcessEnv = process.env,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const value of values) {
    const eq = value.indexOf('=');
    const name = eq > 0 ? value.slice(0, eq) : value;
    const placeholder = eq > 0 ? value.slice(eq + 1) : '';
    if (!ENV_NAME.test(name))
      throw new VetError(
        'USAGE',
        `--env-placeholder: "${name}" is not an environment variable name; expected NAME=VALUE`,
      );
    if (eq <= 0 || placeholder === '')
      throw new VetError(
        'USAGE',
        `--env-placeholder ${name}: expected NAME=VALUE (a placeholder value of the right shape)`,
      );
    if (SANDBOX_SET_VARIABLES.includes(name))
      throw new VetError('USAGE', `--env-placeholder ${name}: the sandbox sets $${name} itself; it cannot be given`);
    if (!declared.includes(name))
      throw new VetError(
        'USAGE',
        `--env-placeholder ${name}: $${name} is not declared; add --env ${name} (the placeholder is its value in the sandbox)`,
      );
    if (placeholder.length > MAX_PLACEHOLDER || !/^[\x20-\x7e]+$/.test(placeholder))
      throw new VetError(
        'USAGE',
        `--env-placeholder ${name}=…: a placeholder is printable ASCII of at most ${MAX_PLACEHOLDER} characters`,
      );
    if (environment[name] !== undefined && environment[name] === placeholder)
      throw new VetError(
        'USAGE',
        `--env-placeholder ${name}=…: that is the value of $${name} in your environment; a placeholder is stored in the pin, so give a made-up value of the same shape; nothing was written`,
      );
    if (Object.hasOwn(out, name) && out[name] !== placeholder)
      throw new VetError('USAGE', `--env-placeholder ${name}: given twice with different values`);
    out[name] = placeholder;
  }
  return out;
}

/** The semver range of --updates, checked before anything is written. */
export function updatesRange(value: string): string {
  if (semver.validRange(value) === null)
    throw new VetError(
      'USAGE',
      `--updates: "${value}" is not a valid semver range (for example ^1.2.0, ~2.0, >=1 <3, *); nothing was written`,
    );
  return value;
}
