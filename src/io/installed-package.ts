import { readFile, realpath } from 'node:fs/promises';
import { dirname, join, resolve, sep } from 'node:path';

export interface InstalledPackage {
  name: string | null;
  version: string | null;
}

/**
 * The package (name, version) behind `node node_modules/<pkg>/…` or `node_modules/.bin/<bin>`,
 * read from the installed package.json. Relative paths are resolved from `baseDir` (the project).
 * Nothing installed gives nulls; nothing is executed.
 */
export async function readInstalledPackage(
  baseDir: string,
  target: { kind: 'installed'; name: string; script: string } | { kind: 'installed-bin'; script: string },
): Promise<InstalledPackage> {
  if (target.kind === 'installed') {
    const pj = await readPackageJson(join(resolve(baseDir, target.script), 'package.json'));
    return { name: target.name, version: pj?.version ?? null };
  }
  let real: string;
  try {
    real = await realpath(resolve(baseDir, target.script));
  } catch {
    return { name: null, version: null };
  }
  // walk up from the bin's target to the package that contains it (the first dir with a package.json and a name)
  for (let dir = dirname(real); dir !== dirname(dir); dir = dirname(dir)) {
    const pj = await readPackageJson(join(dir, 'package.json'));
    if (pj?.name) return { name: pj.name, version: pj.version ?? null };
    if (dir.endsWith(`${sep}node_modules`)) break;
  }
  return { name: null, version: null };
}

async function readPackageJson(file: string): Promise<{ name?: string; version?: string } | null> {
  try {
    const v = JSON.parse(await readFile(file, 'utf8')) as unknown;
    if (!v || typeof v !== 'object') return null;
    const o = v as Record<string, unknown>;
    return {
      ...(typeof o['name'] === 'string' ? { name: o['name'] } : {}),
      ...(typeof o['version'] === 'string' ? { version: o['version'] } : {}),
    };
  } catch {
    return null;
  }
}
