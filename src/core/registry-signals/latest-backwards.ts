import semver from 'semver';
import { finding, type Finding } from '../findings/finding.js';
import type { RegistryFactsInput } from './input.js';

/** The `latest` dist-tag points below the approved version: a release was pulled or the tag moved. */
export function latestBackwardsFindings(input: RegistryFactsInput): Finding[] {
  const latest = input.packument['dist-tags']?.['latest'];
  if (!input.pinned || !latest || !semver.valid(latest) || !semver.valid(input.pinned)) return [];
  if (!semver.lt(latest, input.pinned)) return [];
  return [
    finding('package/latest-moved-backwards', {
      subject: `${input.name}@${input.candidate}`,
      location: { kind: 'package', name: input.name, pointer: '/dist-tags/latest' },
      message: `latest is ${latest}, older than the approved ${input.pinned}`,
      evidence: { latest, pinned: input.pinned },
    }),
  ];
}
