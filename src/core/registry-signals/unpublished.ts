import { finding, type Finding } from '../findings/finding.js';
import type { RegistryFactsInput } from './input.js';

/** The pinned version is gone from the registry's version list. */
export function unpublishedFindings(input: RegistryFactsInput): Finding[] {
  if (!input.pinned || input.packument.versions[input.pinned]) return [];
  const subject = `${input.name}@${input.pinned}`;
  return [
    finding('package/pinned-version-unpublished', {
      subject,
      location: { kind: 'package', name: input.name, pointer: `/versions/${input.pinned}` },
      message: `the pinned version ${subject} is no longer in the registry`,
      evidence: { pinned: input.pinned },
    }),
  ];
}
