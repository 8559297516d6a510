import { finding, type Finding } from '../findings/finding.js';
import type { RegistryFactsInput } from './input.js';

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * The candidate was published fewer than `policy.minReleaseAgeDays` days ago. The age comes from
 * the registry's `time[version]` exactly as served: a mirror that rewrites `time` to its own
 * ingest date (as some do) makes releases look younger, never older. No time served: no finding.
 */
export function releaseAgeFindings(input: RegistryFactsInput): Finding[] {
  const min = input.policy?.minReleaseAgeDays;
  if (!min) return [];
  const raw = input.packument.time?.[input.candidate];
  const published = typeof raw === 'string' ? Date.parse(raw) : NaN;
  if (Number.isNaN(published)) return [];
  const ageDays = (input.now.getTime() - published) / DAY_MS;
  if (ageDays >= min) return [];
  const subject = `${input.name}@${input.candidate}`;
  return [
    finding('package/release-too-young', {
      subject,
      location: { kind: 'package', name: input.name, pointer: `/time/${input.candidate}` },
      message: `${subject} was published ${Math.max(0, ageDays).toFixed(1)} days ago (registry time ${raw as string}); the policy asks for ${min} days`,
      evidence: { published: raw, ageDays: Math.floor(Math.max(0, ageDays) * 10) / 10, minReleaseAgeDays: min },
    }),
  ];
}
