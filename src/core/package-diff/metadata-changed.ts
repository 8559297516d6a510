import { finding, type Finding } from '../findings/finding.js';
import type { FindingCode } from '../findings/catalogue/index.js';
import type { PackageMeta } from '../workspace/package-meta.js';

const FIELDS: Array<['repository' | 'homepage' | 'author', FindingCode]> = [
  ['repository', 'package/repository-changed'],
  ['homepage', 'package/homepage-changed'],
  ['author', 'package/author-changed'],
];

/** repository, homepage or author changed or dropped (one that is only added is not reported). */
export function metadataFindings(subject: string, before: PackageMeta, after: PackageMeta): Finding[] {
  const out: Finding[] = [];
  for (const [field, code] of FIELDS) {
    const was = before[field];
    const now = after[field];
    if (was === undefined || normalise(was) === normalise(now ?? '')) continue;
    out.push(
      finding(code, {
        subject,
        location: { kind: 'package', name: after.name, pointer: `/${field}` },
        message: now === undefined ? `${field} removed (was ${was})` : `${field} changed from ${was} to ${now}`,
        evidence: { before: was, after: now ?? null },
      }),
    );
  }
  return out;
}

function normalise(v: string): string {
  return v
    .trim()
    .toLowerCase()
    .replace(/^https?:\/\/(?:www\.)?/, '')
    .replace(/[#/]+(?:readme)?$/i, '');
}
