import { VetError } from '../core/errors.js';
import type { Severity } from '../core/findings/severity.js';
import { newerVersions } from '../core/policy/newer-versions.js';
import { buildReport, type Report } from '../core/report/report.js';
import { hasExplicitVersion, parsePackageSpec } from '../core/spec.js';
import type { Workspace } from '../io/workspace.js';
import { TOOL_VERSION } from '../version.js';
import { evaluateCandidate, type EvaluateOptions } from './evaluate-candidate.js';
import type { Services } from './services.js';

export interface VerifyInput extends EvaluateOptions {
  spec: string;
  failOn: Severity;
}

/**
 * `mcp-vet verify <pkg>[@<version>]`: the whole pipeline for a candidate against the pin. With no
 * version, the candidate is the newest version within policy.updates, or the pinned version
 * itself when there is none (bytes, closure, provenance and manifest checked again). Writes nothing.
 */
export async function verifyServer(services: Services, workspace: Workspace, input: VerifyInput): Promise<Report> {
  await workspace.assertExists();
  const spec = parsePackageSpec(input.spec);
  const pin = await workspace.readEntry(spec.name);
  if (!pin) {
    throw new VetError(
      'NOT_PINNED',
      `${spec.name} is not on the allowlist (${workspace.display(workspace.entryFile(spec.name))}); pin it with mcp-vet add`,
      { details: { package: spec.name } },
    );
  }
  let version: string;
  if (hasExplicitVersion(input.spec)) {
    version = (await services.registry.resolve(spec)).manifest.version;
  } else {
    const packument = await services.registry.packument(pin.name);
    version =
      newerVersions(Object.keys(packument.versions), pin.version, pin.policy.updates).withinPolicy.at(-1) ??
      pin.version;
  }
  const evaluation = await evaluateCandidate(services, workspace, pin, version, input);
  return buildReport({
    command: 'verify',
    toolVersion: TOOL_VERSION,
    subjects: [
      { name: pin.name, from: pin.version, to: version, file: workspace.display(workspace.entryFile(pin.name)) },
    ],
    findings: evaluation.findings,
    failOn: input.failOn,
  });
}
