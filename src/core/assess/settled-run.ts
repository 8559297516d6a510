import type { Finding } from '../findings/finding.js';
import type { Manifest } from '../manifest/format.js';

/**
 * A tool list that changed while being listed is news on a new version; on the pinned version
 * whose re-snapshot lists exactly the approved manifest it is the known way the server lists (info). Pure.
 */
export function settledRunFindings(findings: readonly Finding[], approved?: Manifest, now?: Manifest): Finding[] {
  const same =
    approved !== undefined &&
    now !== undefined &&
    approved.digests?.manifest !== undefined &&
    approved.digests.manifest === now.digests?.manifest;
  return findings.map((f) =>
    same && f.code === 'manifest/list-changed'
      ? { ...f, severity: 'info' as const, message: `${f.message}; the tools listed match the approved manifest` }
      : f,
  );
}
