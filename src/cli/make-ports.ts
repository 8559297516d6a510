import { availableParallelism } from 'node:os';
import { VetError } from '../core/errors.js';
import { DEFAULT_DEADLINES, type NetworkDeadlines } from '../io/net/deadlines.js';
import type { NpmOptions } from '../io/npm-config.js';
import type { PackumentCache } from '../io/packument-cache.js';
import type { RegistryClient } from '../io/registry.js';
import { createProgress, progressMode, type ProgressReporter } from '../io/progress.js';
import { createTrustVerifier } from '../io/provenance/trust-verifier.js';
import { Workspace } from '../io/workspace.js';
import { limiter } from '../workflows/pool.js';
import type { Ports } from '../workflows/ports.js';
import type { RegistryOptions, WorkspaceOptions } from './common-options.js';

/** Dependency tarballs the closure review reads at once (network-bound, small). */
const DOWNLOAD_SLOTS = 8;

export interface PortOptions extends RegistryOptions, WorkspaceOptions {
  /** --trusted-root FILE */
  trustedRoot?: string;
  /** how many sandboxed starts may run at once (default: the cores) */
  sandboxSlots?: number;
  /** where the npm configuration is read (default: this process's environment and directory) */
  npm?: { env?: NodeJS.ProcessEnv; cwd?: string };
  /** the directory the workspace folders are relative to (default: the working directory) */
  cwd?: string;
  /** --request-timeout, --stage-timeout, --min-rate (default: DEFAULT_DEADLINES) */
  deadlines?: NetworkDeadlines;
  /** --quiet: no progress on stderr */
  quiet?: boolean;
  /** --show-stderr: given the stderr of every sandboxed start, the ones that failed too */
  onServerStderr?: (label: string, stderr: string) => void;
}

/** The ports of a run, with the progress reporter the command ends once the work is done. */
export type RunPorts = Ports & { progress: ProgressReporter };

interface Npm {
  options: NpmOptions;
  client: RegistryClient;
  packuments: PackumentCache;
}

/**
 * The one composition root: the real implementation of every port, configured from the user's
 * npm configuration and the command line. Modules load on first use; with `offline` the npm
 * configuration is never read and any registry request is an error.
 */
export async function makePorts(options: PortOptions): Promise<RunPorts> {
  const deadlines = options.deadlines ?? DEFAULT_DEADLINES;
  const npm = options.offline === true ? null : await loadNpm(options, deadlines);
  const need = (): Npm => {
    if (!npm) throw new VetError('USAGE', 'this needs the registry, which --offline rules out');
    return npm;
  };
  return {
    registry: {
      registryFor: (name) => need().client.registryFor(name),
      packument: (name) => need().client.packument(name),
      resolve: (spec) => need().client.resolve(spec),
      getJson: (path, registry) => need().client.getJson(path, registry),
    },
    resolver: {
      resolve: async (name, version, hint) => {
        const { options: config, packuments } = need();
        const { resolveLock } = await import('../io/lock-resolver.js');
        return resolveLock(name, version, config, hint, packuments);
      },
    },
    tarballs: {
      fetch: (manifest, integrity, opts) => need().client.tarball(manifest, integrity, opts),
      read: async (data, what, opts) => (await import('../io/tarball-reader.js')).readTarball(data, what, opts ?? {}),
    },
    attestations: {
      fetch: async (name, version, registryUrl) =>
        (await import('../io/provenance/attestations-fetch.js')).fetchAttestations(
          need().client,
          name,
          version,
          registryUrl,
        ),
      registryKeys: async (registryUrl) =>
        (await import('../io/provenance/attestations-fetch.js')).fetchRegistryKeys(need().client, registryUrl),
    },
    trust: createTrustVerifier(options.trustedRoot ? { trustedRootFile: options.trustedRoot } : {}),
    installer: {
      install: async (lock, root) =>
        (await import('../io/install/install-closure.js')).installClosure(lock, need().options, {
          digest: true,
          ...(root ? { root } : {}),
        }),
      pickBin: async (dir, name, wanted) => (await import('../io/install/pick-bin.js')).pickBin(dir, name, wanted),
    },
    sandbox: {
      createDirs: async () => (await import('../io/sandbox/sandbox-dirs.js')).createSandboxDirs(),
      removeDirs: async (dirs) => (await import('../io/sandbox/sandbox-dirs.js')).removeSandboxDirs(dirs),
      listStdio: async (start) => {
        const { runSandboxedListing, SandboxedStartError } = await import('../io/sandbox/run-sandboxed.js');
        const show = options.onServerStderr;
        if (!show) return runSandboxedListing(start);
        try {
          const run = await runSandboxedListing(start);
          show(start.label, run.stderr);
          return run;
        } catch (err) {
          if (err instanceof SandboxedStartError) show(start.label, err.stderr);
          throw err;
        }
      },
      listHttp: async (request) => (await import('../io/mcp/run-http.js')).runHttpListing(request),
      findCommand: async (command) => (await import('../io/sandbox/layers.js')).findOnPath(command) ?? null,
    },
    advisories: {
      fetch: async (registry, versions) =>
        (await import('../io/advisories.js')).requestAdvisories(need().options, registry, versions),
    },
    workspace: Workspace.at(options),
    configs: {
      discover: async (input) => (await import('../io/config-discovery.js')).discoverConfigs(input),
      installedPackage: async (baseDir, target) =>
        (await import('../io/installed-package.js')).readInstalledPackage(baseDir, target),
      remoteEntries: async (dir, display) =>
        (await import('../io/remote-allowlist.js')).readRemoteEntries(dir, display),
    },
    clock: { now: () => new Date() },
    // stderr only: stdout carries the report
    progress: createProgress({
      mode: progressMode({ quiet: options.quiet === true, isTTY: process.stderr.isTTY === true, env: process.env }),
      output: process.stderr,
    }),
    // Sandboxed server starts are CPU-bound: more at once than there are cores only adds memory.
    slots: {
      sandbox: limiter(Math.max(1, options.sandboxSlots ?? availableParallelism())),
      // closure review: dependency tarballs read at once across all pins of the run
      downloads: limiter(DOWNLOAD_SLOTS),
    },
  };
}

async function loadNpm(options: PortOptions, deadlines: NetworkDeadlines): Promise<Npm> {
  const { loadNpmConfig } = await import('../io/npm-config.js');
  const { PackumentCache } = await import('../io/packument-cache.js');
  const { createRegistryClient } = await import('../io/registry.js');
  const config = await loadNpmConfig({
    ...options.npm,
    deadlines,
    ...(options.registry ? { registry: options.registry } : {}),
  });
  // One run, one packument cache: pins that share dependencies ask the registry once for each.
  const packuments = new PackumentCache();
  return { options: config, client: createRegistryClient(config, packuments), packuments };
}
