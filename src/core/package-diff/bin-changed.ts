import { finding, type Finding } from '../findings/finding.js';
import type { PackageMeta } from '../workspace/package-meta.js';

/** Commands installed by the package (bin) added, removed or pointing at another file. */
export function binFindings(subject: string, before: PackageMeta, after: PackageMeta): Finding[] {
  const out: Finding[] = [];
  for (const name of [...new Set([...Object.keys(before.bin), ...Object.keys(after.bin)])].sort()) {
    const was = before.bin[name];
    const now = after.bin[name];
    if (was === now) continue;
    const what =
      was === undefined
        ? `added (${now})`
        : now === undefined
          ? `removed (was ${was})`
          : `now runs ${now} instead of ${was}`;
    const evidence: Record<string, unknown> = {};
    if (was !== undefined) evidence['before'] = was;
    if (now !== undefined) evidence['after'] = now;
    out.push(
      finding('package/bin-changed', {
        subject,
        location: { kind: 'package', name: after.name, pointer: `/bin/${name}` },
        message: `bin ${name} ${what}`,
        evidence,
      }),
    );
  }
  return out;
}
