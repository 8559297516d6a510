import { finding, type Finding } from '../findings/finding.js';
import type { LockChange } from './lock-diff.js';

/** Findings for a dependency closure that resolves differently than the pinned lock. */
export function closureFindings(subject: string, changes: readonly LockChange[]): Finding[] {
  return changes.map((c) => {
    const location = { kind: 'dependency', name: c.path };
    switch (c.kind) {
      case 'added':
        return finding('package/closure-package-added', {
          subject,
          location,
          message: `${c.after.name}@${c.after.version} is new in the dependency closure (${c.path})`,
          evidence: { package: `${c.after.name}@${c.after.version}`, after: `${c.after.name}@${c.after.version}` },
        });
      case 'removed':
        return finding('package/closure-package-removed', {
          subject,
          location,
          message: `${c.before.name}@${c.before.version} is no longer in the dependency closure (${c.path})`,
          evidence: { package: `${c.before.name}@${c.before.version}`, before: `${c.before.name}@${c.before.version}` },
        });
      case 'version-changed':
        return finding('package/closure-version-changed', {
          subject,
          location,
          message: `${c.path} resolves to ${c.after.name}@${c.after.version} instead of ${c.before.name}@${c.before.version}`,
          evidence: {
            package: `${c.after.name} ${c.before.version} -> ${c.after.version}`,
            before: `${c.before.name}@${c.before.version}`,
            after: `${c.after.name}@${c.after.version}`,
          },
        });
      case 'integrity-changed':
        return finding('package/closure-integrity-changed', {
          subject,
          location,
          message: `${c.after.name}@${c.after.version} has different bytes than when it was pinned`,
          evidence: { before: c.before.integrity, after: c.after.integrity },
        });
      case 'source-changed':
        return finding('package/closure-source-changed', {
          subject,
          location,
          message: `${c.path} now comes from ${c.after.resolved ?? 'the registry'} instead of ${c.before.resolved ?? 'the registry'}`,
          evidence: { before: c.before.resolved ?? 'registry', after: c.after.resolved ?? 'registry' },
        });
    }
  });
}
