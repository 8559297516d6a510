import { evaluateServer, type Lookups, type ResolvedTarget } from '../core/config/evaluate.js';
import { serversFromText } from '../core/config/extract.js';
import { launchTarget } from '../core/config/launch-target.js';
import { inspectUrl } from '../core/config/remote-url.js';
import { serverSubject, type ConfiguredServer } from '../core/config/server.js';
import { isVetError } from '../core/errors.js';
import type { Finding } from '../core/findings/finding.js';
import type { Severity } from '../core/findings/severity.js';
import { buildReport, type Report, type ReportError } from '../core/report/report.js';
import type { AllowlistEntry } from '../core/workspace/allowlist-entry.js';
import { discoverConfigs, type DiscoveryInput } from '../io/config-discovery.js';
import { readInstalledPackage } from '../io/installed-package.js';
import type { ProvenanceTrust } from '../io/provenance/trust-material.js';
import type { VerifyPool } from '../io/provenance/verify-pool.js';
import type { RegistryClient } from '../io/registry.js';
import { readRemoteEntries } from '../io/remote-allowlist.js';
import type { Workspace } from '../io/workspace.js';
import { TOOL_VERSION } from '../version.js';
import { reverifyPin } from './check-pin.js';

export interface CheckInput extends DiscoveryInput {
  failOn: Severity;
  /** how many pins are re-verified at once when the registry is used */
  concurrency?: number;
}

export interface CheckServices {
  workspace: Workspace;
  /** null with --offline; created only when a pin has to be fetched */
  registry: (() => Promise<RegistryClient>) | null;
  trust: () => Promise<ProvenanceTrust>;
  /** worker threads for the signature checks (same trust material); asked for only with many pins */
  pool?: () => VerifyPool | null;
}

export interface CheckResult {
  report: Report;
  /** the config files read, as displayed */
  files: string[];
  servers: number;
}

/**
 * `mcp-vet check`, the CI install gate: every server the client configs start must be an
 * allowlisted npm package started at its pinned version (or an allowlisted remote URL), with no
 * literal secrets and no plain-http remotes; every pin they use is re-verified from its stored
 * evidence (and, online, from the registry). Writes nothing.
 */
export async function checkConfigs(services: CheckServices, input: CheckInput): Promise<CheckResult> {
  const ws = services.workspace;
  await ws.assertExists();
  const files = await discoverConfigs(input);
  const servers: ConfiguredServer[] = files.flatMap((f) => serversFromText(f.source, f.text));
  const pins = new Map((await ws.listEntries()).map((e) => [e.name, e]));
  // Started now, the threads load Sigstore while the configs are read.
  const signed = [...pins.values()].filter((p) => p.provenance.status === 'verified').length;
  const pool = services.pool && signed >= POOL_THRESHOLD ? services.pool() : null;
  try {
    return await checkWith(services, input, files, servers, pins, pool);
  } finally {
    await pool?.close();
  }
}

async function checkWith(
  services: CheckServices,
  input: CheckInput,
  files: Awaited<ReturnType<typeof discoverConfigs>>,
  servers: ConfiguredServer[],
  pins: Map<string, AllowlistEntry>,
  pool: VerifyPool | null,
): Promise<CheckResult> {
  const ws = services.workspace;
  const remotes = await readRemoteEntries(ws.dirs.allowlist, (p) => ws.display(p));
  const remoteByKey = new Map(remotes.map((r) => [inspectUrl(r.entry.url)?.key ?? r.entry.url, r]));
  const lookups: Lookups = {
    pin: (name) => {
      const e = pins.get(name);
      return e ? { version: e.version, file: ws.display(ws.entryFile(name)) } : null;
    },
    remote: (key) => {
      const r = remoteByKey.get(key);
      return r ? { id: r.id, file: r.file, headers: r.entry.headers } : null;
    },
  };
  const findings: Finding[] = [];
  const used = new Map<string, AllowlistEntry>();
  for (const server of servers) {
    const target = await resolveTarget(server);
    findings.push(...evaluateServer(server, target, lookups));
    const name = target.kind === 'npm' || target.kind === 'installed-package' ? target.name : null;
    const pin = name ? pins.get(name) : undefined;
    if (pin) used.set(pin.name, pin);
  }
  const errors: ReportError[] = [];
  const registry = services.registry ? await services.registry() : null;
  const ordered = [...used.values()].sort((a, b) => a.name.localeCompare(b.name));
  // Offline too: the stored evidence of the next pins is read while one verifies (findings are sorted).
  await forEachLimited(ordered, input.concurrency ?? 8, async (pin) => {
    try {
      findings.push(...(await reverifyPin({ workspace: ws, registry, trust: services.trust, pool }, pin)));
    } catch (err) {
      if (!isVetError(err) || err.exitCode !== 3) throw err;
      errors.push({ subject: `${pin.name}@${pin.version}`, code: err.code, message: err.message });
    }
  });
  const subjects = [
    ...servers.map((s) => ({ name: serverSubject(s) })),
    ...ordered.map((p) => ({ name: p.name, to: p.version })),
  ];
  const report = buildReport({
    command: 'check',
    toolVersion: TOOL_VERSION,
    subjects,
    findings,
    errors,
    failOn: input.failOn,
  });
  return { report, files: files.map((f) => f.source.file), servers: servers.length };
}

/** Below this many pins with attestations, starting threads costs more than it saves. */
const POOL_THRESHOLD = 16;

/** Packages started from node_modules are looked up where they are installed. */
async function resolveTarget(server: ConfiguredServer): Promise<ResolvedTarget> {
  const target = launchTarget(server);
  if ((target.kind === 'installed' || target.kind === 'installed-bin') && server.baseDir) {
    const found = await readInstalledPackage(server.baseDir, target);
    return {
      kind: 'installed-package',
      name: found.name,
      version: found.version,
      runner: target.runner,
      what: target.kind === 'installed' ? target.name : `bin ${target.bin}`,
    };
  }
  return target;
}

async function forEachLimited<T>(items: readonly T[], limit: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const item = items[next++] as T;
      await fn(item);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
}
