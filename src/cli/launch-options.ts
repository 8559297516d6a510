import semver from 'semver';
import { VetError } from '../core/errors.js';

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

/** The semver range of --updates, checked before anything is written. */
export function updatesRange(value: string): string {
  if (semver.validRange(value) === null)
    throw new VetError(
      'USAGE',
      `--updates: "${value}" is not a valid semver range (for example ^1.2.0, ~2.0, >=1 <3, *); nothing was written`,
    );
  return value;
}
