import { assessFirstPin } from '../core/assess/first-pin.js';
import { bytesRefusedFindings, weakIntegrityFindings } from '../core/assess/integrity.js';
import { stageFindings, type StageFailure } from '../core/assess/stage.js';
import { VetError } from '../core/errors.js';
import type { Severity } from '../core/findings/severity.js';
import { parseManifestInput } from '../core/manifest-diff/input.js';
import { downgradeFindings } from '../core/policy/downgrade.js';
import { buildReport, type Report } from '../core/report/report.js';
import { formatSpec, parsePackageSpec } from '../core/spec.js';
import type { AllowlistEntry } from '../core/workspace/allowlist-entry.js';
import { TOOL_VERSION } from '../version.js';
import { approvalOf } from './approval.js';
import { firstPinFacts } from './check-facts.js';
import { directAdvisories } from './gather/advisories.js';
import { contentBudget } from './gather/content-budget.js';
import { gatherVersion } from './gather/fetch-version.js';
import { runSnapshotStage, snapshotStage, type SnapshotOptions } from './gather/snapshot.js';
import { runStage } from './gather/stage.js';
import { pinOf } from './pin-entry.js';
import type { Ports } from './ports.js';
import { candidateProvenance, type ProvenanceOptions } from './provenance-step.js';
import { inStep } from './progress-step.js';

export interface AddInput {
  spec: string;
  allowSha1?: boolean;
  args?: string[];
  env?: string[];
  /** --env-placeholder NAME=VALUE: a placeholder of the right shape for a declared variable (stored as such) */
  placeholders?: Record<string, string>;
  bin?: string;
  by: string;
  note?: string;
  /** pin despite findings at or above --fail-on; needs a note, recorded in the pin */
  force?: boolean;
  policy?: AllowlistEntry['policy'];
  failOn: Severity;
  /** --provenance-registry, --expect-* */
  provenance?: Pick<ProvenanceOptions, 'provenanceRegistry' | 'expect'>;
  /** sandbox settings of the manifest snapshot; false skips it (manifest stays unchecked) */
  snapshot?: SnapshotOptions | false;
  /** re-adding a version below the existing pin is intended (package/downgrade becomes info) */
  allowDowngrade?: boolean;
}

export interface AddResult {
  /** the entry written, or that --force would write; absent when the bytes, closure or provenance could not be verified */
  entry?: AllowlistEntry;
  subject: string;
  report: Report;
  /** false when a finding at or above --fail-on (or a stage that could not complete) stopped the pin */
  pinned: boolean;
}

/**
 * `mcp-vet add`: the first pin gets the full review, with no approved version to compare with:
 * the version's own package signals, registry signals, the name check, provenance, and the whole
 * manifest of a sandboxed start through the poisoning rules. The pin is written only when nothing
 * reaches --fail-on (or with --force and a note) and every stage completed.
 */
export async function addServer(ports: Ports, input: AddInput): Promise<AddResult> {
  if (input.force && !input.note)
    throw new VetError('USAGE', '--force needs --note explaining why the findings are accepted');
  await ports.workspace.assertExists();
  // The lock covers the whole read-modify-write: a concurrent add or approve of this workspace
  // fails with WORKSPACE_BUSY instead of silently undoing this one.
  return ports.workspace.withLock(() => addUnderLock(ports, input));
}

async function addUnderLock(ports: Ports, input: AddInput): Promise<AddResult> {
  const failures: StageFailure[] = [];
  // 1. The version: registry metadata, bytes, contents, closure.
  const resolved = await inStep(ports, `${input.spec}: registry metadata`, () =>
    ports.registry.resolve(parsePackageSpec(input.spec)),
  );
  const name = resolved.manifest.name;
  const subject = formatSpec(name, resolved.manifest.version);
  const gathered = await gatherVersion(ports, resolved, { keepContent: contentBudget() });
  failures.push(...gathered.failures);
  const fetched = gathered.fetched;
  const advisories = await directAdvisories(ports)(name, [resolved.manifest.version]);
  const entries = await ports.workspace.listEntries();
  const allowlisted = entries.map((e) => e.name).filter((n) => n !== name);
  // add over an existing pin replaces it: going back is the same downgrade approve refuses
  const existing = entries.find((e) => e.name === name);
  // 2. Provenance.
  const provenance = fetched
    ? await runStage(ports, failures, 'provenance', subject, () =>
        candidateProvenance(ports, fetched, {
          ...input.provenance,
          requireProvenance: input.policy?.requireProvenance === true,
        }),
      )
    : undefined;
  // 3. A sandboxed start of the closure.
  const launch: AllowlistEntry['launch'] = { args: input.args ?? [], env: [...new Set(input.env ?? [])].sort() };
  if (input.bin) launch.bin = input.bin;
  if (input.placeholders && Object.keys(input.placeholders).length > 0)
    launch.placeholders = Object.fromEntries(Object.entries(input.placeholders).sort(([a], [b]) => (a < b ? -1 : 1)));
  if (input.snapshot && input.snapshot.sandbox === 'relaxed') launch.sandbox = 'relaxed';
  const started =
    fetched && gathered.lock
      ? await runSnapshotStage(ports, failures, subject, () =>
          snapshotStage(ports, fetched, gathered.lock!, launch, input.snapshot),
        )
      : undefined;
  const snapshot = started?.snapshot;
  // 4. Assess, then decide.
  const findings = [
    ...assessFirstPin({
      name,
      version: resolved.manifest.version,
      ...(fetched ? { package: fetched.package } : {}),
      registry: {
        packument: resolved.packument,
        now: ports.clock.now(),
        ...(input.policy ? { policy: input.policy } : {}),
        advisories,
      },
      allowlisted,
      ...(snapshot ? { manifest: parseManifestInput(snapshot.manifest, subject) } : {}),
      snapshotSkipped: input.snapshot === false,
    }),
    ...(fetched ? weakIntegrityFindings(fetched, input.allowSha1 === true) : []),
    ...(gathered.bytesMismatch ? bytesRefusedFindings(subject, name) : []),
    ...(provenance?.findings ?? []),
    ...(started?.findings ?? []),
    ...stageFindings(failures),
    ...(existing
      ? downgradeFindings({
          name,
          pinned: existing.version,
          candidate: resolved.manifest.version,
          allowed: input.allowDowngrade === true,
        })
      : []),
  ];
  const report = buildReport({
    command: 'add',
    toolVersion: TOOL_VERSION,
    subjects: [
      {
        name,
        to: resolved.manifest.version,
        file: ports.workspace.display(ports.workspace.entryFile(name)),
        facts: [firstPinFacts(resolved.manifest.version, { fetched, lock: gathered.lock, provenance, snapshot })],
      },
    ],
    findings,
    failOn: input.failOn,
  });
  // Without verified bytes, closure and provenance there is nothing to pin, forced or not.
  if (!fetched || !gathered.lock || !provenance) return { subject, report, pinned: false };
  const pin = pinOf(fetched, gathered.lock, provenance, snapshot, { launch, policy: input.policy ?? {} });
  const entry: AllowlistEntry = { ...pin.entry, approved: approvalOf(ports, input, report) };
  if (report.verdict === 'block' && !input.force) return { entry, subject, report, pinned: false };
  await ports.workspace.writePin(entry, pin.evidence);
  return { entry, subject, report, pinned: true };
}
