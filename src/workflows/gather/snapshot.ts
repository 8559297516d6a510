import { VetError } from '../../core/errors.js';
import type { Finding } from '../../core/findings/finding.js';
import { finding } from '../../core/findings/finding.js';
import { canonicalManifest } from '../../core/manifest/canonical.js';
import type { Manifest, ProbeContext } from '../../core/manifest/format.js';
import type { AllowlistEntry, ManifestPin } from '../../core/workspace/allowlist-entry.js';
import type { LockFile } from '../../core/workspace/lock-file.js';
import type { ServerListing } from '../../io/mcp/probe-server.js';
import { DEFAULT_LIMITS, type SnapshotLimits } from '../../io/sandbox/limits.js';
import type { LaunchTarget, SandboxMode, SandboxRecord } from '../../io/sandbox/plan.js';
import { expandPlaceholders, type SandboxDirs } from '../../io/sandbox/sandbox-dirs.js';
import type { SandboxView } from '../../io/sandbox/view.js';
import { assessBehaviour } from '../../core/behaviour/assess-behaviour.js';
import type { BehaviourRecord } from '../../core/behaviour/record.js';
import { placeholderFor } from '../../io/sandbox/sandbox-env.js';
import { TOOL_VERSION } from '../../version.js';
import type { Ports } from '../ports.js';
import { compareStarts, envEchoFindings, recordedDenialFindings, sandboxFindings } from '../snapshot-findings.js';
import type { FetchedVersion } from './fetch-version.js';
import { runStage } from './stage.js';
import { inStep } from '../progress-step.js';
import type { StageFailure } from '../../core/assess/stage.js';
import { SandboxedStartError } from '../../io/sandbox/start-error.js';

export const PRIMARY_CLIENT = { name: 'mcp-vet', version: TOOL_VERSION };
/** The identity of the third start: what a popular client sends. */
export const ALTERNATE_CLIENT = { name: 'claude-ai', version: '0.1.0' };

export interface SnapshotOptions {
  sandbox: SandboxMode;
  limits?: Partial<SnapshotLimits>;
  /** list again (second start sharing HOME; another client name) and compare; default true */
  recheck?: boolean;
  /** record what the first start attempts (processes, connections, sockets, files); default true */
  behaviour?: boolean;
}

export interface SnapshotResult {
  subject: string;
  manifest: Manifest;
  findings: Finding[];
  /** the servers' stderr, as captured (escape before printing) */
  stderr: string;
  sandbox: SandboxRecord | null;
  /** what the first start attempted (absent for remote servers and with `behaviour: false`) */
  behaviour?: BehaviourRecord;
  /** the closure digest of the installed tree, taken before the server started (installed packages only) */
  treeDigest?: string;
}

export interface LaunchSpecInput {
  args: string[];
  env: string[];
  /** placeholder values of declared variables (--env-placeholder); the others get the generic one */
  placeholders?: Readonly<Record<string, string>> | undefined;
}

/** Snapshot of a local Node script or any command, in the sandbox: three starts, compared. */
export async function snapshotLaunch(
  ports: Pick<Ports, 'sandbox'> & Partial<Pick<Ports, 'progress'>>,
  subject: string,
  target: (view: SandboxView) => LaunchTarget,
  launch: LaunchSpecInput,
  options: SnapshotOptions,
): Promise<SnapshotResult> {
  const limits: SnapshotLimits = { ...DEFAULT_LIMITS, ...options.limits };
  const env = [...new Set(launch.env)].sort();
  const stderr: string[] = [];
  const home = await ports.sandbox.createDirs();
  const fresh = options.recheck === false ? null : await ports.sandbox.createDirs();
  let pending: Promise<unknown> | null = null;
  try {
    const run = async (
      dirs: SandboxDirs,
      clientInfo: { name: string; version: string },
      label: string,
      behaviour = false,
    ) => {
      const result = await inStep(ports, `${subject}: sandboxed start (${label})`, () =>
        ports.sandbox.listStdio({
          target,
          dirs,
          env,
          mode: options.sandbox,
          limits,
          clientInfo,
          label: `${subject} (${label})`,
          behaviour,
          ...(launch.placeholders ? { placeholders: launch.placeholders } : {}),
        }),
      );
      return {
        listing: result.listing,
        record: result.record,
        noise: result.noiseLines,
        behaviour: result.behaviour,
        stderr: `[${label}]\n${result.stderr}`,
      };
    };
    // The start with another client name shares nothing with the first, so it runs beside it; the
    // second start reuses the first one's HOME, so it waits for it. Stderr keeps a fixed order.
    const thirdLabel = `client ${ALTERNATE_CLIENT.name}`;
    const thirdStart = fresh ? run(fresh, ALTERNATE_CLIENT, thirdLabel) : null;
    thirdStart?.catch(() => undefined);
    pending = thirdStart;
    const first = await run(home, PRIMARY_CLIENT, 'first start', options.behaviour !== false);
    stderr.push(first.stderr);
    const probe = (listing: ServerListing, clientInfo: typeof PRIMARY_CLIENT): ProbeContext => ({
      client: clientInfo,
      protocolVersion: listing.protocolVersion,
      transport: 'stdio',
      env,
      args: launch.args,
      sandbox: {
        active: first.record.active,
        unavailable: first.record.unavailable,
        lifted: first.record.lifted.map((l) => l.layer),
      },
      subject,
    });
    const manifest = toManifest(first.listing, probe(first.listing, PRIMARY_CLIENT), limits, subject);
    const findings: Finding[] = [...listingFindings(subject, first.listing, first.noise)];
    if (fresh) {
      const second = await run(home, PRIMARY_CLIENT, 'second start, same HOME');
      stderr.push(second.stderr);
      const secondManifest = toManifest(second.listing, undefined, limits, subject);
      const third = await thirdStart!;
      stderr.push(third.stderr);
      const thirdManifest = toManifest(third.listing, undefined, limits, subject);
      const a = compareStarts(subject, manifest, secondManifest, "a second start sharing the first one's HOME");
      const b = compareStarts(
        subject,
        manifest,
        thirdManifest,
        `a start identifying as client "${ALTERNATE_CLIENT.name}"`,
      );
      if (a) findings.push(a);
      if (b) findings.push(b);
    }
    const allStderr = stderr.join('\n');
    findings.push(...sandboxFindings(subject, allStderr));
    if (first.behaviour) findings.push(...assessBehaviour(subject, first.behaviour));
    findings.push(
      ...envEchoFindings(
        subject,
        manifest,
        env.map((name) => ({ name, value: placeholderFor(name, launch.placeholders) })),
      ),
    );
    return {
      subject,
      manifest,
      findings,
      stderr: allStderr,
      sandbox: first.record,
      ...(first.behaviour ? { behaviour: first.behaviour } : {}),
    };
  } finally {
    await pending?.catch(() => undefined);
    await ports.sandbox.removeDirs(home);
    if (fresh) await ports.sandbox.removeDirs(fresh);
  }
}

export function listingFindings(subject: string, listing: ServerListing, noise: number): Finding[] {
  const out: Finding[] = [];
  if (noise > 0)
    out.push(
      finding('manifest/stdout-noise', {
        subject,
        message: `${subject} wrote ${noise} non-JSON line(s) to stdout`,
        location: { kind: 'server', name: 'stdout' },
        evidence: { lines: noise },
      }),
    );
  for (const failure of listing.failures)
    out.push(
      finding('manifest/list-failed', {
        subject,
        message: `${subject}: ${failure.method} failed (${failure.message}); the other lists are kept`,
        location: { kind: 'server', name: failure.method },
        evidence: {
          request: failure.method,
          ...(failure.errorCode === undefined ? {} : { errorCode: failure.errorCode }),
          error: failure.message,
        },
      }),
    );
  if (listing.toolsListChanged > 0)
    out.push(
      finding('manifest/list-changed', {
        subject,
        message: `${subject} changed its tool list while being listed`,
        location: { kind: 'server', name: 'tools' },
        evidence: { notifications: listing.toolsListChanged },
      }),
    );
  return out;
}

/** Canonicalises a listing and enforces the manifest size cap. */
export function toManifest(
  listing: ServerListing,
  probe: ProbeContext | undefined,
  limits: SnapshotLimits,
  subject: string,
): Manifest {
  const manifest = canonicalManifest(
    {
      serverInfo: listing.serverInfo,
      protocolVersion: listing.protocolVersion,
      capabilities: listing.capabilities,
      instructions: listing.instructions,
      tools: listing.tools as Manifest['tools'],
      prompts: listing.prompts as Manifest['prompts'],
      resources: listing.resources as Manifest['resources'],
      resourceTemplates: listing.resourceTemplates as Manifest['resourceTemplates'],
    },
    probe,
    listing.lists,
  );
  const size = approxJsonSize([
    manifest.tools,
    manifest.prompts,
    manifest.resources,
    manifest.resourceTemplates,
    manifest.instructions,
  ]);
  if (size > limits.manifestBytes) {
    throw new VetError(
      'SERVER_FAILED',
      `${subject}: the manifest is larger than ${limits.manifestBytes} bytes; refusing to record it`,
      { details: { server: subject } },
    );
  }
  return manifest;
}

/** The size of a value as JSON, roughly (strings, keys and punctuation), without building the JSON. */
function approxJsonSize(value: unknown): number {
  if (typeof value === 'string') return value.length + 2;
  if (Array.isArray(value)) return value.reduce((n: number, v) => n + approxJsonSize(v) + 1, 2);
  if (value !== null && typeof value === 'object')
    return Object.entries(value).reduce((n, [k, v]) => n + k.length + 4 + approxJsonSize(v), 2);
  return 8;
}

/**
 * Snapshot of a fetched and verified package: install its locked closure once (from the bytes
 * already verified for the root), then start its bin, the starts taking a sandbox slot when the
 * run has them (the install does not hold one: it waits on the network and disk, not the CPU).
 */
export async function snapshotInstalled(
  ports: Pick<Ports, 'sandbox' | 'installer'> & Partial<Pick<Ports, 'progress' | 'slots'>>,
  candidate: Pick<FetchedVersion, 'name' | 'subject'> & Partial<Pick<FetchedVersion, 'tarball'>>,
  lock: LockFile,
  launch: Pick<AllowlistEntry['launch'], 'args' | 'env' | 'bin' | 'placeholders'>,
  options: SnapshotOptions,
): Promise<SnapshotResult> {
  const installed = await inStep(ports, `${candidate.subject}: install the closure`, () =>
    ports.installer.install(lock, candidate.tarball),
  );
  const inSlot = <T>(step: () => Promise<T>): Promise<T> => (ports.slots ? ports.slots.sandbox(step) : step());
  try {
    const { script } = await ports.installer.pickBin(installed.packageDir, candidate.name, launch.bin);
    const result = await inSlot(() =>
      snapshotLaunch(
        ports,
        candidate.subject,
        (view) => ({
          kind: 'node',
          script,
          args: expandPlaceholders(launch.args ?? [], view),
          installDir: installed.dir,
        }),
        {
          args: launch.args ?? [],
          env: launch.env ?? [],
          ...(launch.placeholders ? { placeholders: launch.placeholders } : {}),
        },
        options,
      ),
    );
    return installed.treeDigest ? { ...result, treeDigest: installed.treeDigest } : result;
  } finally {
    await installed.remove();
  }
}

export interface SnapshotEvidence {
  manifest: Manifest;
  /** digest and counts, for the allowlist entry */
  pin: ManifestPin;
  findings: Finding[];
  /** how many times the server was started and listed (the report says each start matched) */
  starts: number;
  /** what the first start attempted (absent with `behaviour: false`) */
  behaviour?: BehaviourRecord;
  /** one start sufficed: the approved bytes and closure, listing the approved manifest (see startAgainstPin) */
  settled?: true;
  /** the closure digest of the installed tree (what `mcp-vet run` requires of its cached install) */
  treeDigest?: string;
}

/** Whether a version is a server to start: a package with no bin is a library. */
export function hasBin(candidate: Pick<FetchedVersion, 'contents'>): boolean {
  const bin = (candidate.contents.packageJson as { bin?: unknown } | null)?.bin;
  return !(bin === undefined || bin === null || (typeof bin === 'object' && Object.keys(bin).length === 0));
}

/**
 * The snapshot stage: the locked closure installed and started in the sandbox, the manifest, its
 * pin (digest and counts) and the findings of the starts. Null for a library or with --no-snapshot.
 */
export async function snapshotStage(
  ports: Pick<Ports, 'sandbox' | 'installer' | 'slots'> & Partial<Pick<Ports, 'progress'>>,
  candidate: Pick<FetchedVersion, 'name' | 'subject' | 'contents'> & Partial<Pick<FetchedVersion, 'tarball'>>,
  lock: LockFile,
  launch: AllowlistEntry['launch'],
  options: SnapshotOptions | false = { sandbox: 'strict' },
): Promise<SnapshotEvidence | null> {
  if (options === false || !hasBin(candidate)) return null;
  const result = await snapshotInstalled(ports, candidate, lock, launch, options);
  const manifest = result.manifest;
  const digest = manifest.digests?.manifest;
  const pin: ManifestPin = {
    status: 'captured',
    tools: manifest.tools.length,
    prompts: manifest.prompts.length,
    resources: manifest.resources.length,
  };
  if (digest) pin.digest = digest;
  // the first start, then (unless recheck is off) one sharing its HOME and one as another client
  return {
    manifest,
    pin,
    findings: result.findings,
    starts: options.recheck === false ? 1 : 3,
    ...(result.behaviour ? { behaviour: result.behaviour } : {}),
    ...(result.treeDigest ? { treeDigest: result.treeDigest } : {}),
  };
}

/** The snapshot stage's outcome: its evidence, or the failure recorded and what the failed start attempted. */
export interface SnapshotStageOutcome {
  snapshot: SnapshotEvidence | null | undefined;
  /** what the first start attempted: the snapshot's record, or the record of a start that failed */
  behaviour?: BehaviourRecord;
  /** the snapshot's findings; for a start that failed, those of what it attempted before it failed */
  findings: Finding[];
}

/**
 * Runs the snapshot stage with `runStage`: a start that fails is a stage finding, and what it
 * attempted before it failed (a denied child process, a network connection) is kept as evidence.
 */
export async function runSnapshotStage(
  ports: Partial<Pick<Ports, 'progress'>>,
  failures: StageFailure[],
  subject: string,
  step: () => Promise<SnapshotEvidence | null>,
): Promise<SnapshotStageOutcome> {
  let failed: BehaviourRecord | undefined;
  const snapshot = await runStage(ports, failures, 'snapshot', subject, () =>
    step().catch((err: unknown) => {
      if (err instanceof SandboxedStartError && err.behaviour) failed = err.behaviour;
      throw err;
    }),
  );
  if (snapshot)
    return { snapshot, findings: snapshot.findings, ...(snapshot.behaviour ? { behaviour: snapshot.behaviour } : {}) };
  if (!failed) return { snapshot, findings: [] };
  return {
    snapshot,
    behaviour: failed,
    findings: [...assessBehaviour(subject, failed), ...recordedDenialFindings(subject, failed.denials)],
  };
}
