import type { BehaviourRecord } from '../../src/core/behaviour/record.js';
import { VetError } from '../../src/core/errors.js';
import { integrityOf } from '../../src/core/package/integrity.js';
import type { AttestationsDoc } from '../../src/core/provenance/attestations-doc.js';
import type { BundleResult } from '../../src/core/provenance/evaluate.js';
import type { AdvisoryResult } from '../../src/core/registry-signals/index.js';
import { formatSpec } from '../../src/core/spec.js';
import { LOCK_SCHEMA_ID, type LockFile } from '../../src/core/workspace/lock-file.js';
import type { Packument, VersionManifest } from '../../src/io/registry.js';
import type { SandboxRecord } from '../../src/io/sandbox/plan.js';
import { SandboxedStartError } from '../../src/io/sandbox/start-error.js';
import { readTarball } from '../../src/io/tarball-reader.js';
import type { Ports, SandboxRun, SandboxStart } from '../../src/workflows/ports.js';
import { MemoryWorkspace } from './memory-workspace.js';
import { packTarball, type PackageFiles, type RawEntry } from './pack.js';

/** What a fake server does when started: list these tools, or fail as a real start can. */
export type FakeServer =
  | { tools: Array<Record<string, unknown>>; stderr?: string; instructions?: string; behaviour?: BehaviourRecord }
  | { fail: VetError; behaviour?: BehaviourRecord };

interface Published {
  manifest: VersionManifest;
  tarball: Buffer;
  published?: string;
  server?: FakeServer;
}

export interface PublishOptions {
  /** tar entries beyond the files (symlinks, `../` paths…) */
  raw?: RawEntry[];
  /** what the sandbox lists when this version is started */
  server?: FakeServer;
  deprecated?: string;
  /** the registry's `time` for this version (default 2026-01-01, long before the fake clock) */
  published?: string;
}

const RECORD: SandboxRecord = { active: ['empty-env', 'temp-home'], unavailable: [], lifted: [], reasons: [] };

/**
 * Fakes for every port, in memory: a registry of packed tarballs (the real tar format, read by the
 * real in-memory tarball reader), a resolver that builds the closure from the published
 * dependencies, a sandbox that "starts" a published server by answering with its declared tools,
 * attestations and trust that answer what the test says, a fixed clock. `calls` records what was
 * asked, by port.
 */
export class FakePorts {
  readonly workspace = new MemoryWorkspace();
  readonly calls: string[] = [];
  /** the progress steps the use case named, in the order they started */
  readonly steps: string[] = [];
  /** every sandboxed start asked for, as the workflow gave it */
  readonly starts: SandboxStart[] = [];
  /** bytes served instead of the published ones (a registry that now serves other bytes) */
  readonly served = new Map<string, Buffer>();
  readonly unreachable = new Set<string>();
  attestationDocs = new Map<string, AttestationsDoc>();
  bundleResults: (doc: AttestationsDoc) => BundleResult[] = (doc) =>
    doc.attestations.map((_, i) => ({
      label: `attestation ${i + 1}`,
      ok: false,
      error: 'FAKE: no trust',
      statement: null,
    }));
  advisories: AdvisoryResult = { status: 'served', advisories: {} };
  now = new Date('2026-12-01T00:00:00Z');
  private readonly packages = new Map<string, Map<string, Published>>();

  /** Publishes a package version (its package.json gives name and version). */
  publish(files: PackageFiles, options: PublishOptions = {}): VersionManifest {
    const pj = JSON.parse(String(files['package.json'])) as Record<string, unknown>;
    const name = String(pj['name']);
    const version = String(pj['version']);
    const tarball = packTarball(files, options.raw);
    const manifest: VersionManifest = {
      ...pj,
      name,
      version,
      dist: { integrity: integrityOf(tarball), tarball: `fake://registry/${name}/-/${version}.tgz` },
    };
    if (options.deprecated) manifest.deprecated = options.deprecated;
    const versions = this.packages.get(name) ?? new Map<string, Published>();
    versions.set(version, {
      manifest,
      tarball,
      ...(options.server ? { server: options.server } : {}),
      ...(options.published ? { published: options.published } : {}),
    });
    this.packages.set(name, versions);
    return manifest;
  }

  packument(name: string): Packument {
    const versions = this.packages.get(name);
    if (!versions) throw new VetError('NOT_FOUND', `${name}: not found in registry fake://registry/`);
    const all = [...versions.keys()];
    const time: Record<string, string> = {};
    for (const [v, p] of versions) time[v] = p.published ?? '2026-01-01T00:00:00.000Z';
    return {
      name,
      'dist-tags': { latest: all.at(-1)! },
      versions: Object.fromEntries([...versions].map(([v, p]) => [v, p.manifest])),
      time,
    };
  }

  private published(name: string, version: string): Published {
    const p = this.packages.get(name)?.get(version);
    if (!p) throw new VetError('NOT_FOUND', `${formatSpec(name, version)}: no such version in fake://registry/`);
    return p;
  }

  private reach(what: string): void {
    this.calls.push(what);
    const [port] = what.split(' ');
    if (this.unreachable.has(port!))
      throw new VetError('REGISTRY_UNREACHABLE', `${what}: registry fake://registry/ unreachable (ECONNREFUSED)`);
  }

  /** The closure: the package and, recursively, the newest published version of each dependency. */
  lockOf(name: string, version: string): LockFile {
    const packages: LockFile['packages'] = {};
    const add = (n: string, v: string) => {
      const path = `node_modules/${n}`;
      if (packages[path]) return;
      const p = this.published(n, v);
      packages[path] = { name: n, version: v, integrity: p.manifest.dist.integrity! };
      for (const dep of Object.keys((p.manifest.dependencies as Record<string, string> | undefined) ?? {}))
        add(dep, [...(this.packages.get(dep)?.keys() ?? [])].at(-1) ?? '0.0.0');
    };
    add(name, version);
    return { $schema: LOCK_SCHEMA_ID, formatVersion: 1, root: { name, version }, packages };
  }

  /** The complete ports object, as the composition root would build it. */
  ports(): Ports {
    return {
      registry: {
        registryFor: () => 'fake://registry/',
        packument: async (name) => {
          this.reach(`registry packument ${name}`);
          return this.packument(name);
        },
        resolve: async (spec) => {
          this.reach(`registry resolve ${formatSpec(spec.name, spec.wanted)}`);
          const packument = this.packument(spec.name);
          const wanted = spec.kind === 'version' ? spec.wanted : packument['dist-tags']['latest']!;
          return { packument, manifest: this.published(spec.name, wanted).manifest };
        },
        getJson: async (path) => {
          this.reach(`registry getJson ${path}`);
          return null;
        },
      },
      resolver: {
        resolve: async (name, version) => {
          this.reach(`resolver ${name}@${version}`);
          return this.lockOf(name, version);
        },
      },
      tarballs: {
        fetch: async (manifest, integrity) => {
          const what = formatSpec(manifest.name, manifest.version);
          this.reach(`tarballs fetch ${what}`);
          const data = this.served.get(what) ?? this.published(manifest.name, manifest.version).tarball;
          if (integrityOf(data, integrity) !== integrity)
            throw new VetError(
              'INTEGRITY_MISMATCH',
              `${what}: tarball from fake://registry/ does not match its integrity`,
            );
          return data;
        },
        read: (data, what, options) => readTarball(data, what, options ?? {}),
      },
      attestations: {
        fetch: async (name, version) => {
          this.reach(`attestations ${name}@${version}`);
          return this.attestationDocs.get(`${name}@${version}`) ?? null;
        },
        registryKeys: async () => [],
      },
      trust: {
        verifyBundles: async (doc) => this.bundleResults(doc),
        signatureKeys: async () => [],
        expect: () => undefined,
        close: async () => undefined,
      },
      installer: {
        install: async (lock) => {
          this.reach(`installer ${lock.root.name}@${lock.root.version}`);
          const dir = `/fake-install/${lock.root.name}@${lock.root.version}`;
          return { dir, packageDir: `${dir}/node_modules/${lock.root.name}`, remove: async () => undefined };
        },
        pickBin: async (packageDir, name) => ({ bin: name, script: `${packageDir}/server.js` }),
      },
      sandbox: {
        createDirs: async () => ({
          root: '/fake-sandbox',
          home: '/fake-sandbox/home',
          workspace: '/fake-sandbox/ws',
          tmp: '/fake-sandbox/tmp',
        }),
        removeDirs: async () => undefined,
        listStdio: async (start) => this.start(start),
        listHttp: async () => {
          throw new VetError('SERVER_FAILED', 'the fake sandbox serves no remote servers');
        },
        findCommand: async () => null,
      },
      advisories: {
        fetch: async (registry, versions) => {
          this.reach(`advisories ${Object.keys(versions).join(',')}`);
          return { result: this.advisories };
        },
      },
      workspace: this.workspace,
      configs: {
        discover: async () => [],
        installedPackage: async () => ({ name: null, version: null }),
        remoteEntries: async () => [],
      },
      clock: { now: () => this.now },
      slots: { sandbox: (step) => step(), downloads: (step) => step() },
      progress: {
        step: (label, work) => {
          this.steps.push(label);
          return work();
        },
      },
    };
  }

  private async start(start: SandboxStart): Promise<SandboxRun> {
    this.calls.push(`sandbox ${start.label}`);
    this.starts.push(start);
    const target = start.target(start.dirs);
    const m = /^\/fake-install\/(.+)@([^@/]+)\//.exec(target.kind === 'node' ? target.script : '');
    const server = m ? this.packages.get(m[1]!)?.get(m[2]!)?.server : undefined;
    if (!server) throw new VetError('SERVER_FAILED', `${start.label}: the server exited with code 1`);
    // what the server attempts, when the start asks for it (a traced start)
    const behaviour = start.behaviour ? server.behaviour : undefined;
    if ('fail' in server) throw behaviour ? new SandboxedStartError(server.fail, behaviour) : server.fail;
    return {
      listing: {
        serverInfo: { name: m![1], version: m![2] },
        protocolVersion: '2025-06-18',
        era: 'legacy',
        capabilities: { tools: {} },
        instructions: server.instructions ?? null,
        tools: server.tools,
        prompts: [],
        resources: [],
        resourceTemplates: [],
        toolsListChanged: 0,
        lists: { tools: 'listed', prompts: 'unsupported', resources: 'unsupported', resourceTemplates: 'unsupported' },
        failures: [],
      },
      record: RECORD,
      stderr: server.stderr ?? '',
      noiseLines: 0,
      ...(behaviour ? { behaviour } : {}),
    };
  }
}
