import { finding, type Finding } from '../findings/finding.js';

/** What was observed of the pinned version's bytes, by whoever looked. */
export interface PinnedBytesObservation {
  /** the registry's dist.integrity for the pinned version (space-separated list), when asked */
  registryIntegrity?: string;
  /**
   * the bytes fetched again: `match` (they have the pinned integrity), `mismatch` (refused by the
   * integrity check), or the integrity they were found to have
   */
  fetched?: { outcome: 'match' } | { outcome: 'mismatch'; integrity?: string };
  /** what the stored package.json (snapshots/) says the pinned version is */
  stored?: { name: string; version: string; integrity: string; file: string };
}

export interface PinnedBytesSubject {
  name: string;
  version: string;
  integrity: string;
}

/**
 * The one answer to "is this still the pinned bytes?": the registry's integrity, the bytes fetched
 * again and the stored package metadata, each compared with the pin. Pure.
 */
export function pinnedBytesFindings(pin: PinnedBytesSubject, seen: PinnedBytesObservation): Finding[] {
  const subject = `${pin.name}@${pin.version}`;
  const location = { kind: 'package', name: pin.name };
  const out: Finding[] = [];
  if (seen.registryIntegrity !== undefined && !seen.registryIntegrity.split(/\s+/).includes(pin.integrity))
    out.push(
      finding('package/integrity-changed', {
        subject,
        message: `the registry now reports ${seen.registryIntegrity || '(no integrity)'} for ${subject}, pinned as ${pin.integrity}`,
        location,
        evidence: { before: pin.integrity, after: seen.registryIntegrity },
      }),
    );
  if (seen.fetched?.outcome === 'mismatch')
    out.push(
      finding('package/integrity-mismatch', {
        subject,
        message: `the bytes served for ${subject} do not match the pinned integrity ${pin.integrity}`,
        location,
        evidence: { expected: pin.integrity, ...(seen.fetched.integrity ? { after: seen.fetched.integrity } : {}) },
      }),
    );
  const s = seen.stored;
  if (s && (s.integrity !== pin.integrity || s.name !== pin.name || s.version !== pin.version))
    out.push(
      finding('evidence/mismatch', {
        subject,
        message: `${s.file} describes ${s.name}@${s.version} with integrity ${s.integrity}, not the pinned ${pin.integrity}`,
        location: { kind: 'file', file: s.file },
        evidence: { file: s.file, expected: pin.integrity, found: s.integrity },
      }),
    );
  return out;
}
