import { VetError } from '../core/errors.js';
import { formatSpec, type PackageSpec } from '../core/spec.js';
import { registryFor, type NpmOptions } from './npm-config.js';
import { lazyRequire } from './lazy-require.js';
import { PackumentCache } from './packument-cache.js';
import { registryError } from './registry-errors.js';

const pacote = lazyRequire<{
  packument(spec: string, opts: Record<string, unknown>): Promise<Packument>;
  tarball(spec: string, opts: Record<string, unknown>): Promise<Buffer & { integrity: string; resolved: string }>;
}>('pacote');
const pickManifest =
  lazyRequire<(p: Packument, wanted: string, opts?: Record<string, unknown>) => VersionManifest>('npm-pick-manifest');
const registryFetch = lazyRequire<
  ((url: string, opts: Record<string, unknown>) => Promise<{ buffer(): Promise<Buffer> }>) & {
    json(path: string, opts: Record<string, unknown>): Promise<unknown>;
  }
>('npm-registry-fetch');
const ssri = lazyRequire<{ checkData(data: Buffer, integrity: string): unknown }>('ssri');

export interface Dist {
  integrity?: string;
  shasum?: string;
  tarball: string;
  signatures?: Array<{ keyid: string; sig: string }>;
  attestations?: { url: string; provenance?: { predicateType: string } };
  unpackedSize?: number;
}

export interface VersionManifest {
  name: string;
  version: string;
  dist: Dist;
  deprecated?: string;
  dependencies?: Record<string, string>;
  scripts?: Record<string, string>;
  repository?: unknown;
  _npmUser?: { name?: string; email?: string; trustedPublisher?: unknown };
  maintainers?: Array<{ name?: string; email?: string }>;
  [key: string]: unknown;
}

export interface Packument {
  name: string;
  'dist-tags': Record<string, string>;
  versions: Record<string, VersionManifest>;
  time?: Record<string, string>;
  maintainers?: Array<{ name?: string; email?: string }>;
  [key: string]: unknown;
}

export interface Resolved {
  packument: Packument;
  manifest: VersionManifest;
}

/** Everything mcp-vet asks of an npm registry. Tests can pass another implementation. */
export interface RegistryClient {
  registryFor(name: string): string;
  packument(name: string): Promise<Packument>;
  resolve(spec: PackageSpec): Promise<Resolved>;
  /**
   * The tarball bytes, checked against `integrity` (EINTEGRITY becomes VERIFICATION_FAILED).
   * `fresh` downloads from the registry even when the cache holds these bytes, to catch a
   * registry or mirror that now serves something else.
   */
  tarball(manifest: VersionManifest, integrity: string, options?: { fresh?: boolean }): Promise<Buffer>;
  /** GET a JSON document below a registry; `null` for 404. */
  getJson(path: string, registry: string): Promise<unknown>;
}

/** `packuments`: the run's shared cache, filled with every packument this client fetches. */
export function createRegistryClient(options: NpmOptions, packuments?: PackumentCache): RegistryClient {
  return new NpmRegistryClient(options, packuments);
}

class NpmRegistryClient implements RegistryClient {
  private readonly options: NpmOptions;
  private readonly packuments = new Map<string, Promise<Packument>>();
  private readonly shared: PackumentCache | undefined;

  constructor(options: NpmOptions, shared?: PackumentCache) {
    this.options = options;
    this.shared = shared;
  }

  registryFor(name: string): string {
    return registryFor(name, this.options);
  }

  packument(name: string): Promise<Packument> {
    let p = this.packuments.get(name);
    if (!p) {
      // Always ask the registry (with the cache as a fallback only), so a republished version shows.
      // Never read from the shared cache (it may hold what a resolution got from the HTTP cache); write
      // to it, so that resolutions in this run use this fresh copy.
      p = pacote()
        .packument(name, { ...this.options, fullMetadata: true, preferOnline: true })
        .then((packument) => {
          this.shared?.set(PackumentCache.keyFor(this.registryFor(name), name), packument);
          return packument;
        })
        .catch((err: unknown) => {
          this.packuments.delete(name);
          throw registryError(err, name, this.registryFor(name));
        });
      this.packuments.set(name, p);
    }
    return p;
  }

  async resolve(spec: PackageSpec): Promise<Resolved> {
    const packument = await this.packument(spec.name);
    if (spec.kind === 'version' && !packument.versions[spec.wanted]) {
      throw new VetError(
        'NOT_FOUND',
        `${formatSpec(spec.name, spec.wanted)}: no such version in registry ${this.registryFor(spec.name)}`,
        {
          details: { package: spec.name, version: spec.wanted },
        },
      );
    }
    try {
      return { packument, manifest: pickManifest()(packument, spec.wanted) };
    } catch (err) {
      throw registryError(err, formatSpec(spec.name, spec.wanted), this.registryFor(spec.name));
    }
  }

  async tarball(manifest: VersionManifest, integrity: string, options: { fresh?: boolean } = {}): Promise<Buffer> {
    const what = formatSpec(manifest.name, manifest.version);
    try {
      if (options.fresh) {
        const res = await registryFetch()(manifest.dist.tarball, {
          ...this.options,
          cache: undefined,
          preferOnline: true,
          registry: this.registryFor(manifest.name),
        });
        const data = await res.buffer();
        if (!ssri().checkData(data, integrity)) {
          throw Object.assign(new Error(`integrity check failed for ${what}`), { code: 'EINTEGRITY' });
        }
        return data;
      }
      return await pacote().tarball(what, { ...this.options, integrity, resolved: manifest.dist.tarball });
    } catch (err) {
      throw registryError(err, what, this.registryFor(manifest.name));
    }
  }

  async getJson(path: string, registry: string): Promise<unknown> {
    try {
      return await registryFetch().json(path, { ...this.options, registry, preferOnline: true });
    } catch (err) {
      const e = err as { statusCode?: number; code?: string };
      if (e.statusCode === 404 || e.code === 'E404') return null;
      throw registryError(err, path, registry);
    }
  }
}
