import { PACKAGE_META_SCHEMA_ID, type PackageFile, type PackageMeta } from '../workspace/package-meta.js';
import { classifyUnsafeEntries } from './unsafe-entries.js';

export const INSTALL_SCRIPT_NAMES = ['preinstall', 'install', 'postinstall', 'prepare'] as const;

export interface MetaInput {
  name: string;
  version: string;
  integrity: string;
  packageJson: Record<string, unknown>;
  files: ReadonlyArray<{ path: string; size: number; sha256: string; mode?: number; type?: string; linkpath?: string }>;
  /** entries the tarball reader refused (absolute paths, `..` segments) */
  unsafePaths?: readonly string[];
}

/** Security-relevant metadata of a version, from its package.json and file list. */
export function buildPackageMeta(input: MetaInput): PackageMeta {
  const pj = input.packageJson;
  const scripts = stringMap(pj['scripts']);
  const installScripts: Record<string, string> = {};
  for (const name of INSTALL_SCRIPT_NAMES) {
    if (scripts[name] !== undefined) installScripts[name] = scripts[name];
  }
  // npm runs `node-gyp rebuild` for a package with binding.gyp and no install/preinstall script.
  if (input.files.some((f) => f.path === 'binding.gyp') && !scripts['install'] && !scripts['preinstall']) {
    installScripts['install'] = 'node-gyp rebuild';
  }
  const files: PackageFile[] = input.files
    .filter((f) => f.type === undefined || f.type === 'file')
    .map((f) =>
      f.mode === undefined
        ? { path: f.path, size: f.size, sha256: f.sha256 }
        : { path: f.path, size: f.size, sha256: f.sha256, mode: f.mode },
    )
    .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const meta: PackageMeta = {
    $schema: PACKAGE_META_SCHEMA_ID,
    formatVersion: 1,
    name: input.name,
    version: input.version,
    integrity: input.integrity,
    scripts,
    installScripts,
    dependencies: stringMap(pj['dependencies']),
    optionalDependencies: stringMap(pj['optionalDependencies']),
    peerDependencies: stringMap(pj['peerDependencies']),
    bundleDependencies: bundled(pj['bundleDependencies'] ?? pj['bundledDependencies']),
    bin: binMap(pj['name'], pj['bin']),
    engines: stringMap(pj['engines']),
    files,
    unpackedSize: files.reduce((n, f) => n + f.size, 0),
  };
  const main = typeof pj['main'] === 'string' ? pj['main'] : undefined;
  if (main) meta.main = main;
  const repository = urlOf(pj['repository']);
  if (repository) meta.repository = repository;
  if (typeof pj['homepage'] === 'string') meta.homepage = pj['homepage'];
  const author = personOf(pj['author']);
  if (author) meta.author = author;
  if (typeof pj['license'] === 'string') meta.license = pj['license'];
  const unsafe = classifyUnsafeEntries(input.files, input.unsafePaths);
  if (unsafe.length > 0) meta.unsafeEntries = unsafe;
  return meta;
}

function stringMap(v: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (v && typeof v === 'object' && !Array.isArray(v)) {
    for (const key of Object.keys(v).sort()) {
      const val = (v as Record<string, unknown>)[key];
      if (typeof val === 'string') out[key] = val;
    }
  }
  return out;
}

function bundled(v: unknown): string[] {
  if (Array.isArray(v)) return v.filter((x): x is string => typeof x === 'string').sort();
  return [];
}

/** `bin` as npm normalises it: a string means one bin named after the package (without scope). */
export function binMap(name: unknown, bin: unknown): Record<string, string> {
  if (typeof bin === 'string' && typeof name === 'string') return { [name.replace(/^@[^/]+\//, '')]: bin };
  return stringMap(bin);
}

/** Repository URL normalised for comparison: `git+https://github.com/a/b.git` -> `https://github.com/a/b`. */
export function urlOf(v: unknown): string | undefined {
  const raw = typeof v === 'string' ? v : v && typeof v === 'object' ? (v as { url?: unknown }).url : undefined;
  if (typeof raw !== 'string' || raw === '') return undefined;
  return normaliseRepositoryUrl(raw);
}

export function normaliseRepositoryUrl(raw: string): string {
  let url = raw.trim();
  const shorthand = /^(github|gitlab|bitbucket):([^/]+\/[^/]+)$/.exec(url);
  if (shorthand) url = `https://${shorthand[1]}.${shorthand[1] === 'bitbucket' ? 'org' : 'com'}/${shorthand[2]}`;
  else if (/^[\w.-]+\/[\w.-]+$/.test(url)) url = `https://github.com/${url}`;
  url = url
    .replace(/^git\+/, '')
    .replace(/^git:\/\//, 'https://')
    .replace(/^ssh:\/\/git@/, 'https://')
    .replace(/^git@([^:]+):/, 'https://$1/');
  return url.replace(/\.git$/, '').replace(/\/+$/, '');
}

function personOf(v: unknown): string | undefined {
  if (typeof v === 'string') return v;
  if (v && typeof v === 'object') {
    const p = v as { name?: unknown; email?: unknown };
    const name = typeof p.name === 'string' ? p.name : '';
    const email = typeof p.email === 'string' ? ` <${p.email}>` : '';
    return (name + email).trim() || undefined;
  }
  return undefined;
}
