import { VetError } from '../core/errors.js';
import type { Finding } from '../core/findings/finding.js';
import type { ProbeContext } from '../core/manifest/format.js';
import { pinnedBytesFindings } from '../core/assess/pinned-bytes.js';
import { parsePackageSpec } from '../core/spec.js';
import { DEFAULT_LIMITS, type SnapshotLimits } from '../io/sandbox/limits.js';
import { expandPlaceholders } from '../io/sandbox/sandbox-dirs.js';
import { contentBudget } from './gather/content-budget.js';
import { gatherVersion } from './gather/fetch-version.js';
import { loadPinnedEvidence } from './gather/pinned-evidence.js';
import {
  ALTERNATE_CLIENT,
  PRIMARY_CLIENT,
  listingFindings,
  snapshotInstalled,
  snapshotLaunch,
  toManifest,
  type SnapshotOptions,
  type SnapshotResult,
} from './gather/snapshot.js';
import type { Ports } from './ports.js';
import { compareStarts } from './snapshot-findings.js';
import { inStep } from './progress-step.js';

export type { SnapshotOptions, SnapshotResult } from './gather/snapshot.js';

/**
 * `mcp-vet snapshot <pkg>[@<v>]`: resolves and verifies the package; inside a workspace that pins
 * this version, the stored evidence must hold and the bytes must be the pinned ones, and the pinned
 * closure is installed with the pinned launch settings.
 */
export async function snapshotPackage(
  ports: Ports,
  spec: string,
  launch: { args?: string[]; env?: string[]; bin?: string; placeholders?: Record<string, string> },
  options: SnapshotOptions,
): Promise<SnapshotResult> {
  const resolved = await inStep(ports, `${spec}: registry metadata`, () =>
    ports.registry.resolve(parsePackageSpec(spec)),
  );
  const name = resolved.manifest.name;
  const pin = await ports.workspace.readEntry(name).catch(() => null);
  const pinned = pin && pin.version === resolved.manifest.version ? pin : null;
  const evidence = pinned ? await loadPinnedEvidence(ports.workspace, pinned) : null;
  const gathered = await gatherVersion(ports, resolved, {
    ...(pinned ? { integrity: pinned.integrity } : {}),
    ...(evidence?.lock ? { closure: false } : { keepContent: contentBudget() }),
  });
  const refusals: Finding[] = [
    ...(evidence?.findings.filter((f) => f.severity === 'critical') ?? []),
    ...(pinned ? pinnedBytesFindings(pinned, gathered.bytesMismatch ? { fetched: { outcome: 'mismatch' } } : {}) : []),
  ];
  if (refusals.length > 0)
    throw new VetError('VERIFICATION_FAILED', `${name}@${resolved.manifest.version}: ${refusals[0]!.message}`, {
      details: { package: name },
    });
  const failure = gathered.failures[0];
  if (failure) throw new VetError(failure.code as 'INTERNAL', failure.message, { details: { package: name } });
  const fetched = gathered.fetched;
  const lock = evidence?.lock ?? gathered.lock;
  if (!fetched || !lock) throw new VetError('VERIFICATION_FAILED', `${spec}: the package could not be verified`);
  const merged = { args: launch.args ?? [], env: launch.env ?? [], bin: launch.bin, placeholders: launch.placeholders };
  if (pinned) {
    if (!launch.args?.length) merged.args = pinned.launch.args;
    if (!launch.env?.length) merged.env = pinned.launch.env;
    merged.bin ??= pinned.launch.bin;
    // the pin's placeholders for the variables no --env-placeholder was given for
    merged.placeholders = { ...pinned.launch.placeholders, ...launch.placeholders };
  }
  return snapshotInstalled(ports, fetched, lock, merged, options);
}

/** `mcp-vet snapshot --command CMD -- ARGS`: any stdio server, OS sandbox only. */
export async function snapshotCommand(
  ports: Ports,
  command: string,
  args: string[],
  env: string[],
  options: SnapshotOptions,
  placeholders?: Record<string, string>,
): Promise<SnapshotResult> {
  const path = await ports.sandbox.findCommand(command);
  if (!path) throw new VetError('USAGE', `--command: ${command} not found on PATH`);
  const subject = [command, ...args].join(' ');
  return snapshotLaunch(
    ports,
    subject,
    (dirs) => ({ kind: 'command', command: path, args: expandPlaceholders(args, dirs) }),
    { args, env, ...(placeholders ? { placeholders } : {}) },
    options,
  );
}

/** `mcp-vet snapshot --url URL`: a remote server; header values come from the environment. */
export async function snapshotUrl(
  ports: Ports,
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
  const run = (clientInfo: typeof PRIMARY_CLIENT) =>
    ports.sandbox.listHttp({ url: parsed, headers: values, limits, clientInfo, label: subject });
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
