import { availableParallelism } from 'node:os';
import { toVetError } from '../core/errors.js';
import { finding, type Finding } from '../core/findings/finding.js';
import { atLeast, type Severity } from '../core/findings/severity.js';
import { newerVersions } from '../core/policy/newer-versions.js';
import { buildReport, type Report, type ReportError, type SubjectResult } from '../core/report/report.js';
import { formatSpec } from '../core/spec.js';
import type { AllowlistEntry } from '../core/workspace/allowlist-entry.js';
import type { Workspace } from '../io/workspace.js';
import { TOOL_VERSION } from '../version.js';
import { batchAdvisories } from './advisory-batch.js';
import { evaluateCandidate, type EvaluateOptions } from './evaluate-candidate.js';
import { limiter, mapPool } from './pool.js';
import type { Services } from './services.js';

export interface DriftInput extends EvaluateOptions {
  /** verify every newer version within policy, not only the newest */
  all?: boolean;
  concurrency: number;
  failOn: Severity;
  onProgress?: (message: string) => void;
}

interface PinResult {
  subject: Omit<SubjectResult, 'verdict'>;
  findings: Finding[];
  error?: ReportError;
}

/**
 * `mcp-vet drift`: for every pin, the pinned version again (bytes, closure, stored provenance and
 * a re-snapshot compared with the stored manifest) and the newest version within policy (or all
 * with --all). One report; a pin that could not be checked is an error in it (exit 3).
 */
export async function driftCheck(services: Services, workspace: Workspace, input: DriftInput): Promise<Report> {
  await workspace.assertExists();
  const pins = await workspace.listEntries();
  const options: DriftInput = {
    ...input,
    advisories: input.advisories ?? (await batchAdvisories(services, pins)),
    allowlistNames: pins.map((p) => p.name),
    // Sandboxed server starts are CPU-bound: more at once than there are cores only adds memory.
    snapshotSlot: input.snapshotSlot ?? limiter(Math.max(1, Math.min(input.concurrency, availableParallelism()))),
  };
  let done = 0;
  const results = await mapPool(pins, input.concurrency, async (pin) => {
    const result = await driftOfPin(services, workspace, pin, options).catch((err: unknown): PinResult => {
      const e = toVetError(err);
      return {
        subject: { name: pin.name, from: pin.version, file: workspace.display(workspace.entryFile(pin.name)) },
        findings: [],
        error: { subject: pin.name, code: e.code, message: e.message },
      };
    });
    input.onProgress?.(`[${++done}/${pins.length}] ${pin.name}`);
    return result;
  });
  const errors = results.flatMap((r) => (r.error ? [r.error] : []));
  return buildReport({
    command: 'drift',
    toolVersion: TOOL_VERSION,
    subjects: results.map((r) => r.subject),
    findings: results.flatMap((r) => r.findings),
    errors,
    failOn: input.failOn,
  });
}

async function driftOfPin(
  services: Services,
  workspace: Workspace,
  pin: AllowlistEntry,
  input: DriftInput,
): Promise<PinResult> {
  const packument = await services.registry.packument(pin.name);
  const pinnedSubject = formatSpec(pin.name, pin.version);
  const findings: Finding[] = [];
  // The pinned version again; an unpublished pin ends there with its finding.
  const again = await evaluateCandidate(services, workspace, pin, pin.version, input);
  findings.push(...again.findings);
  if (again.approvable) {
    const manifestChanges = again.findings.filter(
      (f) => f.code.startsWith('manifest/') || f.code.startsWith('poison/'),
    );
    const worst = manifestChanges.filter(
      (f) =>
        ![
          'manifest/unstable',
          'manifest/stdout-noise',
          'manifest/list-changed',
          'manifest/list-failed',
          'manifest/sandbox-denied',
          'manifest/env-echoed',
        ].includes(f.code),
    );
    if (worst.length > 0) {
      const severity: Severity = worst.some((f) => atLeast(f.severity, 'high'))
        ? 'high'
        : worst.some((f) => atLeast(f.severity, 'medium'))
          ? 'medium'
          : worst.some((f) => f.severity === 'low')
            ? 'low'
            : 'info';
      findings.push(
        finding('manifest/changed-without-release', {
          subject: pinnedSubject,
          severity,
          message: `running ${pinnedSubject} again gives a different manifest (${worst.length} change(s)) with no new release`,
          location: { kind: 'server', name: pin.name },
        }),
      );
    }
  }
  const newer = newerVersions(Object.keys(packument.versions), pin.version, pin.policy.updates);
  const targets = input.all ? newer.withinPolicy : newer.withinPolicy.slice(-1);
  for (const version of targets) {
    const evaluation = await evaluateCandidate(services, workspace, pin, version, input);
    findings.push(
      finding('package/update-available', {
        subject: evaluation.subject,
        message: `${evaluation.subject} is newer than the pin (${pin.version}) and within policy`,
        location: { kind: 'package', name: pin.name },
      }),
    );
    findings.push(...evaluation.findings);
  }
  if (newer.newestOverall && !newer.withinPolicy.includes(newer.newestOverall)) {
    findings.push(
      finding('package/update-outside-policy', {
        subject: pinnedSubject,
        message: `${pin.name}@${newer.newestOverall} is published but outside policy.updates (${pin.policy.updates ?? 'none'})`,
        location: { kind: 'package', name: pin.name },
        evidence: { newest: newer.newestOverall },
      }),
    );
  }
  const to = targets.at(-1) ?? pin.version;
  return {
    subject: { name: pin.name, from: pin.version, to, file: workspace.display(workspace.entryFile(pin.name)) },
    findings,
  };
}
