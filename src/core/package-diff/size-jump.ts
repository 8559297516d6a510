import { finding, type Finding } from '../findings/finding.js';
import type { PackageMeta } from '../workspace/package-meta.js';

/** Unpacked size more than doubled and grew by at least 512 KB (medium at ten times and 5 MB). */
export function sizeJumpFindings(subject: string, before: PackageMeta, after: PackageMeta): Finding[] {
  const a = before.unpackedSize;
  const b = after.unpackedSize;
  const growth = b - a;
  if (growth < 512 * 1024 || b < a * 2) return [];
  const big = growth >= 5 * 1024 * 1024 && b >= a * 10;
  return [
    finding('package/size-jump', {
      subject,
      ...(big ? { severity: 'medium' as const } : {}),
      location: { kind: 'package', name: after.name },
      message: `unpacked size grew from ${kib(a)} to ${kib(b)} (${(b / Math.max(a, 1)).toFixed(1)}×)`,
      evidence: { before: a, after: b },
    }),
  ];
}

function kib(n: number): string {
  return n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(1)} MB` : `${Math.round(n / 1024)} KB`;
}
