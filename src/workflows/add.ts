import { digestOf } from '../core/canonical-json.js';
import type { Finding } from '../core/findings/finding.js';
import { buildReport, type Report } from '../core/report/report.js';
import type { Severity } from '../core/findings/severity.js';
import { parsePackageSpec } from '../core/spec.js';
import { ALLOWLIST_ENTRY_SCHEMA_ID, type AllowlistEntry } from '../core/workspace/allowlist-entry.js';
import type { Workspace } from '../io/workspace.js';
import { TOOL_VERSION } from '../version.js';
import { fetchCandidate } from './fetch-candidate.js';
import { addCandidateFindings } from './package-diff.js';
import { candidateProvenance, type ProvenanceOptions } from './provenance-step.js';
import type { Services } from './services.js';
import { snapshotStep, type SnapshotOptions } from './snapshot.js';

export interface AddInput {
  spec: string;
  allowSha1?: boolean;
  args?: string[];
  env?: string[];
  bin?: string;
  by: string;
  note?: string;
  policy?: AllowlistEntry['policy'];
  failOn: Severity;
  /** --trusted-root, --provenance-registry, --expect-* */
  provenance?: Pick<ProvenanceOptions, 'trustedRoot' | 'provenanceRegistry' | 'expect'>;
  /** sandbox settings of the manifest snapshot; false skips it (manifest stays unchecked) */
  snapshot?: SnapshotOptions | false;
}

export interface AddResult {
  entry: AllowlistEntry;
  report: Report;
  /** false when a finding at or above --fail-on stopped the pin from being written */
  pinned: boolean;
}

/** `mcp-vet add`: verify, lock and pin a server. The pin is written only when every step passed. */
export async function addServer(services: Services, workspace: Workspace, input: AddInput): Promise<AddResult> {
  await workspace.assertExists();
  const spec = parsePackageSpec(input.spec);
  const candidate = await fetchCandidate(services, spec, { allowSha1: input.allowSha1 === true });
  const findings: Finding[] = [...candidate.findings];
  findings.push(...(await addCandidateFindings(services, workspace, candidate, input.policy)));
  const provenance = await candidateProvenance(services.registry, candidate, {
    ...input.provenance,
    requireProvenance: input.policy?.requireProvenance === true,
  });
  findings.push(...provenance.findings);
  const launch: AllowlistEntry['launch'] = { args: input.args ?? [], env: [...new Set(input.env ?? [])].sort() };
  if (input.bin) launch.bin = input.bin;
  if (input.snapshot && input.snapshot.sandbox === 'relaxed') launch.sandbox = 'relaxed';
  const approved: AllowlistEntry['approved'] = { by: input.by, at: services.now().toISOString() };
  if (input.note) approved.note = input.note;
  const entry: AllowlistEntry = {
    $schema: ALLOWLIST_ENTRY_SCHEMA_ID,
    name: candidate.name,
    version: candidate.version,
    integrity: candidate.integrity,
    provenance: provenance.pin,
    manifest: { status: 'unchecked' },
    dependencies: {
      digest: digestOf('lock', 1, candidate.lock.packages),
      count: Object.keys(candidate.lock.packages).length,
    },
    launch,
    policy: input.policy ?? {},
    approved,
  };
  const snap = await snapshotStep(services, candidate, launch, input.snapshot);
  if (snap) {
    entry.manifest = snap.pin;
    findings.push(...snap.findings);
  }
  const report = buildReport({
    command: 'add',
    toolVersion: TOOL_VERSION,
    subjects: [
      { name: candidate.name, to: candidate.version, file: workspace.display(workspace.entryFile(candidate.name)) },
    ],
    findings,
    failOn: input.failOn,
  });
  if (report.verdict === 'block') return { entry, report, pinned: false };
  await workspace.writePin(entry, {
    'lock.json': candidate.lock,
    'package.json': candidate.meta,
    'attestations.json': provenance.attestations,
    'manifest.json': snap?.manifest,
  });
  return { entry, report, pinned: true };
}
