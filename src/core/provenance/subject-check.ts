import { finding, type Finding } from '../findings/finding.js';
import { npmPurl, parseNpmPurl } from './purl.js';
import { NPM_PUBLISH_V01, type Statement } from './statement.js';

export interface SubjectTarget {
  name: string;
  version: string;
  /** sha512 of the tarball, lowercase hex */
  sha512: string;
}

/**
 * The statement must be about this package, this version and these bytes: one subject whose PURL
 * names the package and version and whose sha512 equals the tarball's. The npm publish predicate
 * must name the same package too.
 */
export function checkSubject(statement: Statement, target: SubjectTarget, where: string): Finding[] {
  const subject = `${target.name}@${target.version}`;
  const purl = npmPurl(target.name, target.version);
  const location = { kind: 'provenance', name: where, pointer: '/subject' };
  const named = statement.subjects.filter((s) => {
    const p = parseNpmPurl(s.name);
    return p !== null && p.name === target.name && p.version === target.version;
  });
  if (named.length === 0) {
    return [
      finding('provenance/subject-mismatch', {
        subject,
        message: `${where} is about ${statement.subjects.map((s) => s.name).join(', ') || 'no subject'}, not ${purl}`,
        location,
        evidence: { expected: purl, found: statement.subjects.map((s) => s.name) },
      }),
    ];
  }
  const digests = named.map((s) => s.digest['sha512']);
  if (!digests.some((d) => typeof d === 'string' && d.toLowerCase() === target.sha512)) {
    const found = digests.filter((d): d is string => typeof d === 'string');
    return [
      finding('provenance/subject-mismatch', {
        subject,
        message:
          found.length === 0
            ? `${where} gives no sha512 digest for ${purl}`
            : `${where} was signed for other bytes than this tarball (sha512 ${found[0]!.slice(0, 16)}…, tarball ${target.sha512.slice(0, 16)}…)`,
        location: { ...location, pointer: '/subject/0/digest/sha512' },
        evidence: { expected: target.sha512, found },
      }),
    ];
  }
  if (statement.predicateType === NPM_PUBLISH_V01) {
    const n = statement.predicate['name'];
    const v = statement.predicate['version'];
    if ((typeof n === 'string' && n !== target.name) || (typeof v === 'string' && v !== target.version)) {
      return [
        finding('provenance/subject-mismatch', {
          subject,
          message: `${where}: the npm publish predicate names ${String(n)}@${String(v)}`,
          location: { ...location, pointer: '/predicate' },
          evidence: { expected: subject, found: `${String(n)}@${String(v)}` },
        }),
      ];
    }
  }
  return [];
}
