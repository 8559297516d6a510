import { VetError } from '../core/errors.js';
import type { Finding } from '../core/findings/finding.js';
import { finding } from '../core/findings/finding.js';
import { canonicalManifest } from '../core/manifest/canonical.js';
import type { Manifest, ProbeContext } from '../core/manifest/format.js';
import { parsePackageSpec } from '../core/spec.js';
import type { AllowlistEntry, ManifestPin } from '../core/workspace/allowlist-entry.js';
import { installClosure } from '../io/install/install-closure.js';
import { pickBin } from '../io/install/pick-bin.js';
import type { ServerListing } from '../io/mcp/probe-server.js';
import { findOnPath } from '../io/sandbox/layers.js';
import { DEFAULT_LIMITS, type SnapshotLimits } from '../io/sandbox/limits.js';
import { planSandbox, type LaunchTarget, type SandboxMode, type SandboxRecord } from '../io/sandbox/plan.js';
import {
  createSandboxDirs,
  expandPlaceholders,
  removeSandboxDirs,
  type SandboxDirs,
} from '../io/sandbox/sandbox-dirs.js';
import { placeholderValue } from '../io/sandbox/sandbox-env.js';
import type { Workspace } from '../io/workspace.js';
import { TOOL_VERSION } from '../version.js';
import { fetchCandidate, type Candidate } from './fetch-candidate.js';
import type { Services } from './services.js';
import { compareStarts, envEchoFindings, sandboxFindings } from './snapshot-findings.js';

export const PRIMARY_CLIENT = { name: 'mcp-vet', version: TOOL_VERSION };
/** The identity of the third start: what a popular client sends. */
export const ALTERNATE_CLIENT = { name: 'claude-ai', version: '0.1.0' };

export interface SnapshotOptions {
  sandbox: SandboxMode;
  limits?: Partial<SnapshotLimits>;
  /** list again (second start sharing HOME; another client name) and compare; default true */
  recheck?: boolean;
}

export interface SnapshotResult {
  subject: string;
  manifest: Manifest;
  findings: Finding[];
  /** the servers' stderr, as captured (escape before printing) */
  stderr: string;
  sandbox: SandboxRecord | null;
}

export interface LaunchSpecInput {
  args: string[];
  env: string[];
}

/** Snapshot of a local Node script or any command, in the sandbox. */
export async function snapshotLaunch(
  subject: string,
  target: (dirs: SandboxDirs) => LaunchTarget,
  launch: LaunchSpecInput,
  options: SnapshotOptions,
): Promise<SnapshotResult> {
  const limits: SnapshotLimits = { ...DEFAULT_LIMITS, ...options.limits };
  const env = [...new Set(launch.env)].sort();
  const stderr: string[] = [];
  const home = await createSandboxDirs();
  const fresh = options.recheck === false ? null : await createSandboxDirs();
  try {
    const run = async (dirs: SandboxDirs, clientInfo: { name: string; version: string }, label: string) => {
      const plan = planSandbox(target(dirs), dirs, env, options.sandbox);
      const { runStdioListing } = await import('../io/mcp/run-stdio.js');
      const result = await runStdioListing({
        launch: { ...plan.launch, label: `${subject} (${label})` },
        limits,
        clientInfo,
      });
      stderr.push(`[${label}]\n${result.stderr}`);
      return { listing: result.listing, record: plan.record, noise: result.noiseLines };
    };
    const first = await run(home, PRIMARY_CLIENT, 'first start');
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
      const secondManifest = toManifest(second.listing, undefined, limits, subject);
      const third = await run(fresh, ALTERNATE_CLIENT, `client ${ALTERNATE_CLIENT.name}`);
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
    findings.push(
      ...envEchoFindings(
        subject,
        manifest,
        env.map((name) => ({ name, value: placeholderValue(name) })),
      ),
    );
    return { subject, manifest, findings, stderr: allStderr, sandbox: first.record };
  } finally {
    await removeSandboxDirs(home);
    if (fresh) await removeSandboxDirs(fresh);
  }
}

function listingFindings(subject: string, listing: ServerListing, noise: number): Finding[] {
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

/** Snapshot of a fetched and verified package: install its closure, start its bin. */
export async function snapshotCandidate(
  services: Services,
  candidate: Candidate,
  launch: Pick<AllowlistEntry['launch'], 'args' | 'env' | 'bin'>,
  options: SnapshotOptions,
  lock = candidate.lock,
): Promise<SnapshotResult> {
  const installed = await installClosure(lock, services.registry.options);
  try {
    const { script } = await pickBin(installed.packageDir, candidate.name, launch.bin);
    return await snapshotLaunch(
      candidate.subject,
      (dirs) => ({
        kind: 'node',
        script,
        args: expandPlaceholders(launch.args ?? [], dirs),
        installDir: installed.dir,
      }),
      { args: launch.args ?? [], env: launch.env ?? [] },
      options,
    );
  } finally {
    await installed.remove();
  }
}

/**
 * The snapshot step of `add`: the manifest, its pin (digest and counts) and the findings. A package
 * with no bin (a library, not a server) is not started: null.
 */
export async function snapshotStep(
  services: Services,
  candidate: Candidate,
  launch: AllowlistEntry['launch'],
  options: SnapshotOptions | false = { sandbox: 'strict' },
): Promise<{ manifest: Manifest; pin: ManifestPin; findings: Finding[] } | null> {
  const bin = (candidate.contents.packageJson as { bin?: unknown } | undefined)?.bin;
  if (
    options === false ||
    bin === undefined ||
    bin === null ||
    (typeof bin === 'object' && Object.keys(bin).length === 0)
  )
    return null;
  const result = await snapshotCandidate(services, candidate, launch, options);
  const manifest = result.manifest;
  const digest = manifest.digests?.manifest;
  const pin: ManifestPin = {
    status: 'captured',
    tools: manifest.tools.length,
    prompts: manifest.prompts.length,
    resources: manifest.resources.length,
  };
  if (digest) pin.digest = digest;
  return { manifest, pin, findings: result.findings };
}

/**
 * `mcp-vet snapshot <pkg>[@<v>]`: resolves and verifies the package; inside a workspace that pins
 * this version, installs the pinned closure with the pinned launch settings.
 */
export async function snapshotPackage(
  services: Services,
  spec: string,
  launch: { args?: string[]; env?: string[]; bin?: string },
  options: SnapshotOptions,
  workspace?: Workspace,
): Promise<SnapshotResult> {
  const candidate = await fetchCandidate(services, parsePackageSpec(spec));
  const pin = workspace ? await workspace.readEntry(candidate.name).catch(() => null) : null;
  let lock = candidate.lock;
  const merged = { args: launch.args ?? [], env: launch.env ?? [], bin: launch.bin };
  if (pin && pin.version === candidate.version) {
    if (pin.integrity !== candidate.integrity) {
      throw new VetError(
        'VERIFICATION_FAILED',
        `${candidate.subject}: the registry serves integrity ${candidate.integrity}, the pin says ${pin.integrity}`,
        { details: { package: candidate.subject } },
      );
    }
    lock = (await workspace?.readLock(candidate.name, candidate.version)) ?? lock;
    if (!launch.args?.length) merged.args = pin.launch.args;
    if (!launch.env?.length) merged.env = pin.launch.env;
    merged.bin ??= pin.launch.bin;
  }
  return snapshotCandidate(services, candidate, merged, options, lock);
}

/** `mcp-vet snapshot --command CMD -- ARGS`: any stdio server, OS sandbox only. */
export async function snapshotCommand(
  command: string,
  args: string[],
  env: string[],
  options: SnapshotOptions,
): Promise<SnapshotResult> {
  const path = findOnPath(command);
  if (!path) throw new VetError('USAGE', `--command: ${command} not found on PATH`);
  const subject = [command, ...args].join(' ');
  return snapshotLaunch(
    subject,
    (dirs) => ({ kind: 'command', command: path, args: expandPlaceholders(args, dirs) }),
    { args, env },
    options,
  );
}

/** `mcp-vet snapshot --url URL`: a remote server; header values come from the environment. */
export async function snapshotUrl(
  url: string,
  headers: Array<{ name: string; envVar: string }>,
  options: SnapshotOptions,
  environment: NodeJS.ProcessEnv = process.env,
): Promise<SnapshotResult> {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new VetError('USAGE', `--url: not a URL: ${url}`);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')
    throw new VetError('USAGE', `--url: only http and https are supported (${parsed.protocol})`);
  const values: Record<string, string> = {};
  for (const h of headers) {
    const value = environment[h.envVar];
    if (value === undefined || value === '')
      throw new VetError('USAGE', `--header ${h.name}=${h.envVar}: $${h.envVar} is not set`);
    values[h.name] = value;
  }
  const shown = new URL(parsed.href);
  shown.username = '';
  shown.password = '';
  const subject = shown.href;
  const limits: SnapshotLimits = { ...DEFAULT_LIMITS, ...options.limits };
  // The MCP SDK is loaded only when a server is actually listed.
  const { runHttpListing } = await import('../io/mcp/run-http.js');
  const run = (clientInfo: typeof PRIMARY_CLIENT) =>
    runHttpListing({ url: parsed, headers: values, limits, clientInfo, label: subject });
  const first = await run(PRIMARY_CLIENT);
  const probe: ProbeContext = {
    client: PRIMARY_CLIENT,
    protocolVersion: first.listing.protocolVersion,
    transport: first.transport,
    env: [],
    args: [],
    sandbox: { active: [], unavailable: [], lifted: [] },
    subject,
  };
  const manifest = toManifest(first.listing, probe, limits, subject);
  const findings: Finding[] = listingFindings(subject, first.listing, 0);
  if (options.recheck !== false) {
    for (const [client, how] of [
      [PRIMARY_CLIENT, 'a second connection'],
      [ALTERNATE_CLIENT, `a connection identifying as client "${ALTERNATE_CLIENT.name}"`],
    ] as const) {
      const other = await run(client);
      const diff = compareStarts(subject, manifest, toManifest(other.listing, undefined, limits, subject), how);
      if (diff) findings.push(diff);
    }
  }
  return { subject, manifest, findings, stderr: '', sandbox: null };
}
