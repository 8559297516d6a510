import { evaluateServer, type Lookups, type ResolvedTarget } from '../core/config/evaluate.js';
import { serversFromText } from '../core/config/extract.js';
import { launchTarget } from '../core/config/launch-target.js';
import { inspectUrl } from '../core/config/remote-url.js';
import { serverSubject, type ConfiguredServer } from '../core/config/server.js';
import type { Finding } from '../core/findings/finding.js';
import type { Severity } from '../core/findings/severity.js';
import { buildReport, type Report } from '../core/report/report.js';
import type { AllowlistEntry } from '../core/workspace/allowlist-entry.js';
import type { ConfigFile, DiscoveryInput } from '../io/config-discovery.js';
import { TOOL_VERSION } from '../version.js';
import { loadPinnedEvidence } from './gather/pinned-evidence.js';
import type { Ports } from './ports.js';
import { recheckPin } from './recheck-pin.js';

export interface CheckInput extends DiscoveryInput {
  failOn: Severity;
  /** --offline: only the stored evidence is checked, the registry is never asked */
  offline?: boolean;
  /** how many pins are re-verified at once */
  concurrency?: number;
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
export async function checkConfigs(ports: Ports, input: CheckInput): Promise<CheckResult> {
  const ws = ports.workspace;
  await ws.assertExists();
  const files = await ports.configs.discover(input);
  const servers: ConfiguredServer[] = files.flatMap((f) => serversFromText(f.source, f.text));
  const pins = new Map((await ws.listEntries()).map((e) => [e.name, e]));
  // Announced now, worker threads load Sigstore while the configs are read.
  ports.trust.expect([...pins.values()].filter((p) => p.provenance.status === 'verified').length);
  try {
    return await checkWith(ports, input, files, servers, pins);
  } finally {
    await ports.trust.close();
  }
}

async function checkWith(
  ports: Ports,
  input: CheckInput,
  files: ConfigFile[],
  servers: ConfiguredServer[],
  pins: Map<string, AllowlistEntry>,
): Promise<CheckResult> {
  const ws = ports.workspace;
  const remotes = await ports.configs.remoteEntries(ws.dirs.allowlist, (p) => ws.display(p));
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
    const target = await resolveTarget(ports, server);
    findings.push(...evaluateServer(server, target, lookups));
    const name = target.kind === 'npm' || target.kind === 'installed-package' ? target.name : null;
    const pin = name ? pins.get(name) : undefined;
    if (pin) used.set(pin.name, pin);
  }
  const ordered = [...used.values()].sort((a, b) => a.name.localeCompare(b.name));
  // The stored evidence of the next pins is read while one verifies (findings are sorted).
  await forEachLimited(ordered, input.concurrency ?? 8, async (pin) => {
    const evidence = await loadPinnedEvidence(ws, pin);
    findings.push(...evidence.findings, ...(await recheckPin(ports, evidence, input.offline !== true)));
  });
  const subjects = [
    ...servers.map((s) => ({ name: serverSubject(s) })),
    ...ordered.map((p) => ({ name: p.name, to: p.version })),
  ];
  const report = buildReport({ command: 'check', toolVersion: TOOL_VERSION, subjects, findings, failOn: input.failOn });
  return { report, files: files.map((f) => f.source.file), servers: servers.length };
}

/** Packages started from node_modules are looked up where they are installed. */
async function resolveTarget(ports: Ports, server: ConfiguredServer): Promise<ResolvedTarget> {
  const target = launchTarget(server);
  if ((target.kind === 'installed' || target.kind === 'installed-bin') && server.baseDir) {
    const found = await ports.configs.installedPackage(server.baseDir, target);
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
