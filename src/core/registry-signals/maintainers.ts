import { finding, type Finding } from '../findings/finding.js';
import { isRecord, type RegistryFactsInput } from './input.js';

/**
 * Maintainers (per version, as the registry serves them) or the publishing account (_npmUser)
 * differ between the approved version and the candidate. A registry that serves neither for
 * these versions (many mirrors, Verdaccio) gives an explicit "unavailable" finding, never a pass.
 */
export function maintainerFindings(input: RegistryFactsInput): Finding[] {
  if (!input.pinned) return [];
  const subject = `${input.name}@${input.candidate}`;
  const location = { kind: 'package', name: input.name };
  const a = input.packument.versions[input.pinned];
  const b = input.packument.versions[input.candidate];
  const beforeMaintainers = names(a?.maintainers);
  const afterMaintainers = names(b?.maintainers);
  const beforeUser = user(a?._npmUser);
  const afterUser = user(b?._npmUser);
  const served = (beforeMaintainers && afterMaintainers) || (beforeUser && afterUser);
  if (!served) {
    return [
      finding('package/maintainers-unavailable', {
        subject,
        location,
        message: `the registry serves no maintainers or publisher for ${input.name}@${input.pinned}${input.candidate !== input.pinned ? ` and ${input.candidate}` : ''}; ownership changes cannot be seen`,
        evidence: { pinned: input.pinned, candidate: input.candidate },
      }),
    ];
  }
  const out: Finding[] = [];
  if (beforeMaintainers && afterMaintainers && beforeMaintainers.join('\n') !== afterMaintainers.join('\n')) {
    const added = afterMaintainers.filter((n) => !beforeMaintainers.includes(n));
    const removed = beforeMaintainers.filter((n) => !afterMaintainers.includes(n));
    out.push(
      finding('package/maintainers-changed', {
        subject,
        ...(added.length > 0 ? { severity: 'high' as const } : {}),
        location: { ...location, pointer: `/versions/${input.candidate}/maintainers` },
        message: `maintainers changed: ${[...added.map((n) => `+${n}`), ...removed.map((n) => `-${n}`)].join(', ')}`,
        evidence: { before: beforeMaintainers, after: afterMaintainers },
      }),
    );
  }
  if (beforeUser && afterUser && beforeUser !== afterUser) {
    out.push(
      finding('package/publisher-changed', {
        subject,
        location: { ...location, pointer: `/versions/${input.candidate}/_npmUser` },
        message: `published by ${afterUser}; the approved version was published by ${beforeUser}`,
        evidence: { before: beforeUser, after: afterUser },
      }),
    );
  }
  return out;
}

function names(v: unknown): string[] | null {
  if (!Array.isArray(v) || v.length === 0) return null;
  const list = v
    .map((m) =>
      typeof m === 'string' ? m.replace(/\s*<.*$/, '') : isRecord(m) && typeof m['name'] === 'string' ? m['name'] : '',
    )
    .filter((n) => n !== '');
  return list.length ? [...new Set(list)].sort() : null;
}

function user(v: unknown): string | null {
  return isRecord(v) && typeof v['name'] === 'string' && v['name'] !== '' ? v['name'] : null;
}
