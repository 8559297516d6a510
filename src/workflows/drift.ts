import { toVetError } from '../core/errors.js';
import { finding, type Finding } from '../core/findings/finding.js';
import type { Severity } from '../core/findings/severity.js';
import { newerVersions } from '../core/policy/newer-versions.js';
import {
  buildReport,
  type CheckFacts,
  type Report,
  type ReportError,
  type SubjectInput,
} from '../core/report/report.js';
import { shardItems, type Shard } from '../core/shard.js';
import { formatSpec } from '../core/spec.js';
import type { AllowlistEntry } from '../core/workspace/allowlist-entry.js';
import { TOOL_VERSION } from '../version.js';
import { batchAdvisories } from './gather/advisories.js';
import { loadPinnedEvidence } from './gather/pinned-evidence.js';
import { mapPool } from './pool.js';
import type { Ports } from './ports.js';
import type { ReviewOptions } from './review-options.js';
import { reviewPinAgain } from './review-pin-again.js';
import { reviewUpdate } from './review-update.js';
import { inStep } from './progress-step.js';

export interface DriftInput extends ReviewOptions {
  /** verify every newer version within policy, not only the newest */
  all?: boolean;
  concurrency: number;
  failOn: Severity;
  /** --shard I/N: only this shard of the pins (the confusable-name checks still see every pin) */
  shard?: Shard;
}

interface PinResult {
  subject: SubjectInput;
  findings: Finding[];
  error?: ReportError;
}

/**
 * `mcp-vet drift`: for every pin, the stored evidence checked against it, the pinned version again
 * (bytes, closure, stored provenance, a re-snapshot against the stored manifest) and the newest
 * version within policy (or all with --all), diffed with the pinned version fetched once.
 */
export async function driftCheck(ports: Ports, input: DriftInput): Promise<Report> {
  await ports.workspace.assertExists();
  const all = await ports.workspace.listEntries();
  const pins = input.shard ? shardItems(all, (p) => p.name, input.shard) : all;
  const options: DriftInput = {
    ...input,
    advisories: input.advisories ?? (await batchAdvisories(ports, pins)),
    allowlisted: all.map((p) => p.name),
  };
  const results = await mapPool(pins, input.concurrency, async (pin, i) => {
    const label = `${pin.name} (pin ${i + 1} of ${pins.length})`;
    return inStep(ports, label, () => driftOfPin(ports, pin, options)).catch((err: unknown): PinResult => {
      const e = toVetError(err);
      return {
        subject: { name: pin.name, from: pin.version, file: entryFile(ports, pin.name) },
        findings: [],
        error: { subject: pin.name, code: e.code, message: e.message },
      };
    });
  });
  return buildReport({
    command: 'drift',
    toolVersion: TOOL_VERSION,
    subjects: results.map((r) => r.subject),
    findings: results.flatMap((r) => r.findings),
    errors: results.flatMap((r) => (r.error ? [r.error] : [])),
    failOn: input.failOn,
  });
}

async function driftOfPin(ports: Ports, pin: AllowlistEntry, input: DriftInput): Promise<PinResult> {
  const evidence = await loadPinnedEvidence(ports.workspace, pin);
  const findings: Finding[] = [...evidence.findings];
  // The pinned version again; its fetched package is the baseline of every update diff below.
  const again = await reviewPinAgain(ports, evidence, input);
  findings.push(...again.findings);
  const packument = await ports.registry.packument(pin.name);
  const newer = newerVersions(Object.keys(packument.versions), pin.version, pin.policy.updates);
  const targets = input.all ? newer.withinPolicy : newer.withinPolicy.slice(-1);
  const facts: CheckFacts[] = [{ ...again.facts, newerWithinPolicy: newer.withinPolicy.at(-1) ?? null }];
  for (const version of targets) {
    const update = await reviewUpdate(ports, evidence, version, input, again.fetched?.package);
    facts.push(update.facts);
    findings.push(
      finding('package/update-available', {
        subject: update.subject,
        message: `${update.subject} is newer than the pin (${pin.version}) and within policy`,
        location: { kind: 'package', name: pin.name },
      }),
      ...update.findings,
    );
  }
  if (newer.newestOverall && !newer.withinPolicy.includes(newer.newestOverall))
    findings.push(
      finding('package/update-outside-policy', {
        subject: formatSpec(pin.name, pin.version),
        message: `${pin.name}@${newer.newestOverall} is published but outside policy.updates (${pin.policy.updates ?? 'none'})`,
        location: { kind: 'package', name: pin.name },
        evidence: { newest: newer.newestOverall },
      }),
    );
  const to = targets.at(-1) ?? pin.version;
  return {
    subject: {
      name: pin.name,
      from: pin.version,
      to,
      file: entryFile(ports, pin.name),
      candidate: { version: to, reason: to === pin.version ? 'pinned' : 'newest-within-policy' },
      facts,
    },
    findings,
  };
}

function entryFile(ports: Ports, name: string): string {
  return ports.workspace.display(ports.workspace.entryFile(name));
}
