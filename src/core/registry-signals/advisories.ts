import semver from 'semver';
import { finding, type Finding } from '../findings/finding.js';
import type { Severity } from '../findings/severity.js';
import type { RegistryFactsInput } from './input.js';

const SEVERITY: Record<string, Severity> = {
  critical: 'critical',
  high: 'high',
  moderate: 'medium',
  medium: 'medium',
  low: 'low',
  info: 'info',
};

/**
 * Known advisories for the pinned and candidate versions, from the registry's bulk advisory
 * answer. Unavailable (the registry does not serve the endpoint) is a finding, never a pass.
 */
export function advisoryFindings(input: RegistryFactsInput): Finding[] {
  const result = input.advisories;
  if (!result) return [];
  const location = { kind: 'package', name: input.name };
  if (result.status === 'unavailable') {
    return [
      finding('package/advisories-unavailable', {
        subject: `${input.name}@${input.candidate}`,
        location,
        message: `known advisories could not be checked: ${result.reason}`,
        evidence: { reason: result.reason },
      }),
    ];
  }
  const versions = [...new Set([input.pinned, input.candidate].filter((v): v is string => typeof v === 'string'))];
  const out: Finding[] = [];
  for (const advisory of result.advisories[input.name] ?? []) {
    const range = advisory.vulnerable_versions ?? '*';
    for (const version of versions) {
      if (!semver.satisfies(version, range, { includePrerelease: true })) continue;
      const subject = `${input.name}@${version}`;
      out.push(
        finding('package/known-advisory', {
          subject,
          severity: SEVERITY[String(advisory.severity ?? '').toLowerCase()] ?? 'high',
          location: { ...location, pointer: `/advisories/${advisory.id}` },
          message: `${subject} is affected by advisory ${advisory.id}${advisory.title ? `: ${advisory.title}` : ''} (vulnerable: ${range})`,
          evidence: {
            id: advisory.id,
            severity: advisory.severity ?? null,
            url: advisory.url ?? null,
            vulnerable_versions: range,
          },
        }),
      );
    }
  }
  return out;
}
