import { createRequire } from 'node:module';
import { VetError } from './errors.js';

const require = createRequire(import.meta.url);
const npa = require('npm-package-arg') as (spec: string) => {
  type: string;
  name: string | null;
  fetchSpec: string | null;
  rawSpec: string;
};

/** A registry package spec: `name`, `name@1.2.3`, `name@^1`, `name@latest`. */
export interface PackageSpec {
  name: string;
  /** exact version, range or dist-tag; `latest` when none was given */
  wanted: string;
  kind: 'version' | 'range' | 'tag';
}

/** Parses a spec; anything but a registry package (a path, URL, git, alias) is refused. */
export function parsePackageSpec(input: string): PackageSpec {
  let parsed: ReturnType<typeof npa>;
  try {
    parsed = npa(input);
  } catch (err) {
    throw new VetError('INVALID_SPEC', `invalid package spec "${input}": ${(err as Error).message}`, {
      cause: err,
      details: { spec: input },
    });
  }
  if (!parsed.name || !['version', 'range', 'tag'].includes(parsed.type)) {
    throw new VetError(
      'INVALID_SPEC',
      `invalid package spec "${input}": expected <name>[@<version|range|tag>] of a registry package`,
      {
        details: { spec: input },
      },
    );
  }
  if (!hasExplicitVersion(input)) return { name: parsed.name, wanted: 'latest', kind: 'tag' };
  return { name: parsed.name, wanted: parsed.fetchSpec ?? 'latest', kind: parsed.type as PackageSpec['kind'] };
}

/** `srv@1`, `@s/srv@next`: true; `srv`, `@s/srv`: false. */
export function hasExplicitVersion(input: string): boolean {
  return input.slice(1).includes('@');
}

export function formatSpec(name: string, version: string): string {
  return `${name}@${version}`;
}
