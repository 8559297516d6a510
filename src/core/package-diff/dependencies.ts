import { finding, type Finding } from '../findings/finding.js';
import type { Severity } from '../findings/severity.js';
import type { PackageMeta } from '../workspace/package-meta.js';

type Kind = 'dependencies' | 'optionalDependencies' | 'peerDependencies';
const KINDS: Kind[] = ['dependencies', 'optionalDependencies', 'peerDependencies'];

/** A range that is not a plain registry range: git, URLs, files, aliases, workspace links. */
export function isNonRegistryRange(range: string): boolean {
  return /^(?:git\+|git:|github:|gitlab:|bitbucket:|https?:|file:|link:|npm:|workspace:)|^[\w.-]+\/[\w.-]+(?:#.*)?$/.test(
    range.trim(),
  );
}

/** Direct dependencies added, removed or with a changed range (runtime, optional and peer). */
export function dependencyFindings(subject: string, before: PackageMeta, after: PackageMeta): Finding[] {
  const out: Finding[] = [];
  for (const kind of KINDS) {
    const a = before[kind];
    const b = after[kind];
    for (const name of [...new Set([...Object.keys(a), ...Object.keys(b)])].sort()) {
      const location = { kind: 'dependency', name, pointer: `/${kind}/${name}` };
      const was = a[name];
      const now = b[name];
      const risky: { severity?: Severity } = now !== undefined && isNonRegistryRange(now) ? { severity: 'high' } : {};
      if (was === undefined && now !== undefined) {
        out.push(
          finding('package/dependency-added', {
            subject,
            location,
            ...risky,
            message: `${kind}: ${name}@${now} added`,
            evidence: { after: now },
          }),
        );
      } else if (was !== undefined && now === undefined) {
        out.push(
          finding('package/dependency-removed', {
            subject,
            location,
            message: `${kind}: ${name}@${was} removed`,
            evidence: { before: was },
          }),
        );
      } else if (was !== undefined && now !== undefined && was !== now) {
        out.push(
          finding('package/dependency-range-changed', {
            subject,
            location,
            ...risky,
            message: `${kind}: ${name} range changed from ${was} to ${now}`,
            evidence: { before: was, after: now },
          }),
        );
      }
    }
  }
  return out;
}
