import { finding, type Finding } from '../findings/finding.js';
import type { RegistryFactsInput } from './input.js';

/** The candidate (or the pinned version) is deprecated in the registry. */
export function deprecatedFindings(input: RegistryFactsInput): Finding[] {
  const versions = [...new Set([input.pinned, input.candidate].filter((v): v is string => typeof v === 'string'))];
  const out: Finding[] = [];
  for (const version of versions) {
    const message = input.packument.versions[version]?.deprecated;
    if (typeof message !== 'string' || message === '') continue;
    const subject = `${input.name}@${version}`;
    out.push(
      finding('package/version-deprecated', {
        subject,
        location: { kind: 'package', name: input.name, pointer: `/versions/${version}/deprecated` },
        message: `${subject} is deprecated: ${message}`,
        evidence: { deprecated: message },
      }),
    );
  }
  return out;
}
