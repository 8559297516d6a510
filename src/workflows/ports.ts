import type { AdvisoryResult } from '../core/registry-signals/index.js';
import type { AttestationsDoc } from '../core/provenance/attestations-doc.js';
import type { BundleResult } from '../core/provenance/evaluate.js';
import type { RegistryKey } from '../core/provenance/registry-keys.js';
import type { LockFile } from '../core/workspace/lock-file.js';
import type { ConfigFile, DiscoveryInput } from '../io/config-discovery.js';
import type { InstalledPackage } from '../io/install/install-closure.js';
import type { InstalledPackage as InstalledPackageInfo } from '../io/installed-package.js';
import type { ServerListing } from '../io/mcp/probe-server.js';
import type { Packument, Resolved, VersionManifest } from '../io/registry.js';
import type { StoredRemote } from '../io/remote-allowlist.js';
import type { SnapshotLimits } from '../io/sandbox/limits.js';
import type { LaunchTarget, SandboxMode, SandboxRecord } from '../io/sandbox/plan.js';
import type { SandboxDirs } from '../io/sandbox/sandbox-dirs.js';
import type { SandboxView } from '../io/sandbox/view.js';
import type { BehaviourRecord } from '../core/behaviour/record.js';
import type { TarballContents } from '../io/tarball-reader.js';
import type { Workspace } from '../io/workspace.js';
import type { PackageSpec } from '../core/spec.js';

/**
 * Everything a use case may ask of the outside world, in one object built by one composition root
 * (src/cli/make-ports.ts). Use cases receive it whole; tests give fakes for any part
 * (test/helpers/fake-ports.ts), the sandbox included. No port exposes its configuration.
 */
export interface Ports {
  registry: RegistryPort;
  resolver: ResolverPort;
  tarballs: TarballPort;
  attestations: AttestationsPort;
  trust: TrustPort;
  installer: InstallerPort;
  sandbox: SandboxPort;
  advisories: AdvisoriesPort;
  workspace: Workspace;
  configs: ConfigsPort;
  clock: ClockPort;
  slots: SlotsPort;
  progress: ProgressPort;
}

/** Package metadata from the npm registry the user's npm configuration selects for a name. */
export interface RegistryPort {
  /** the registry URL for a name (scoped registries apply), for messages and other endpoints */
  registryFor(name: string): string;
  packument(name: string): Promise<Packument>;
  resolve(spec: PackageSpec): Promise<Resolved>;
  /** GET a JSON document below a registry; `null` for 404 */
  getJson(path: string, registry: string): Promise<unknown>;
}

/** The dependency closure of one version, resolved as `npm install` would, with no script run. */
export interface ResolverPort {
  /** `hint`: an earlier closure of the same package, to prefetch what is likely needed */
  resolve(name: string, version: string, hint?: LockFile): Promise<LockFile>;
}

export interface TarballPort {
  /**
   * The tarball bytes, checked against `integrity` (a mismatch is INTEGRITY_MISMATCH). `fresh`
   * downloads even when the cache holds these bytes, to catch a registry that now serves others.
   */
  fetch(manifest: VersionManifest, integrity: string, options?: { fresh?: boolean }): Promise<Buffer>;
  /** Reads a tarball in memory: every entry hashed, unsafe entries listed, bounded. */
  read(
    data: Buffer,
    what: string,
    options?: { keepContent?: (path: string, size: number) => boolean },
  ): Promise<TarballContents>;
}

export interface AttestationsPort {
  /** null when the registry serves none for this version */
  fetch(name: string, version: string, registryUrl: string): Promise<AttestationsDoc | null>;
  /** the registry's signing keys (`/-/npm/v1/keys`); empty when it serves none */
  registryKeys(registryUrl: string): Promise<RegistryKey[]>;
}

/** Sigstore trust material (shipped, or --trusted-root) and the bundle verifier built from it. */
export interface TrustPort {
  /** verifies each bundle of a document (offline); one result per attestation, in order */
  verifyBundles(doc: AttestationsDoc): Promise<BundleResult[]>;
  /** npm's registry signature keys shipped with the trust material */
  signatureKeys(): Promise<RegistryKey[]>;
  /** a run about to verify this many documents may start worker threads for them */
  expect(documents: number): void;
  /** stops any worker threads */
  close(): Promise<void>;
}

/** Installs a locked closure into a temporary folder with install scripts disabled. */
export interface InstallerPort {
  /** `root`: the root package's bytes as fetched and verified already, installed without a second download */
  install(lock: LockFile, root?: Buffer): Promise<InstalledPackage>;
  /** the script of the bin that starts the server (`--bin`, the package's own name, or the only one) */
  pickBin(packageDir: string, name: string, wanted?: string): Promise<{ bin: string; script: string }>;
}

export interface SandboxStart {
  /** given the paths the server will see (fixed inside a bubblewrap root), what to start */
  target: (view: SandboxView) => LaunchTarget;
  dirs: SandboxDirs;
  env: readonly string[];
  mode: SandboxMode;
  limits: SnapshotLimits;
  clientInfo: { name: string; version: string };
  label: string;
  /** values given to declared variables instead of the generic placeholder (--env-placeholder) */
  placeholders?: Readonly<Record<string, string>>;
  /** record what the server attempts (a tracer when available, else the denials it reports) */
  behaviour?: boolean;
}

/** One listed start; sandbox paths in the listing and stderr are written as placeholders. */
export interface SandboxRun {
  listing: ServerListing;
  record: SandboxRecord;
  stderr: string;
  noiseLines: number;
  /** when asked for */
  behaviour?: BehaviourRecord;
}

/**
 * Starts an untrusted server in the sandbox and lists it over MCP; the process group dies with the
 * run. A start that fails with `behaviour` asked for throws a SandboxedStartError carrying it.
 */
export interface SandboxPort {
  createDirs(): Promise<SandboxDirs>;
  removeDirs(dirs: SandboxDirs): Promise<void>;
  listStdio(start: SandboxStart): Promise<SandboxRun>;
  listHttp(request: {
    url: URL;
    headers: Record<string, string>;
    limits: SnapshotLimits;
    clientInfo: { name: string; version: string };
    label: string;
  }): Promise<{ listing: ServerListing; transport: 'streamable-http' | 'sse' }>;
  /** the absolute path of a command on PATH, or null */
  findCommand(command: string): Promise<string | null>;
}

export interface AdvisoriesPort {
  /** the bulk advisory answer of one registry, with the HTTP status of a refused request */
  fetch(registry: string, versions: Record<string, string[]>): Promise<{ result: AdvisoryResult; status?: number }>;
}

/** MCP client configs and the packages installed beside them (check). */
export interface ConfigsPort {
  discover(input: DiscoveryInput): Promise<ConfigFile[]>;
  installedPackage(
    baseDir: string,
    target: { kind: 'installed'; name: string; script: string } | { kind: 'installed-bin'; script: string },
  ): Promise<InstalledPackageInfo>;
  remoteEntries(allowlistDir: string, display: (path: string) => string): Promise<StoredRemote[]>;
}

/**
 * Progress of the run on stderr (never stdout): a use case names each step that may take a while
 * (a fetch, a closure, provenance, a sandboxed start); the reporter shows the ones that last over
 * about a second. Steps may nest and run side by side.
 */
export interface ProgressPort {
  step<T>(label: string, work: () => Promise<T>): Promise<T>;
}

export interface ClockPort {
  now(): Date;
}

/**
 * Shared limits of a run: the CPU-bound sandboxed starts of a version (its closure installed
 * beforehand, outside the slot) take turns, however many pins run at once, and so do the downloads
 * of the closure review (each step reads one changed dependency).
 */
export interface SlotsPort {
  sandbox<T>(step: () => Promise<T>): Promise<T>;
  downloads<T>(step: () => Promise<T>): Promise<T>;
}
