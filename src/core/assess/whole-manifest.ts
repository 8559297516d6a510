import type { Finding } from '../findings/finding.js';
import { reviewWholeManifest } from '../manifest-diff/review.js';
import type { ManifestView } from '../manifest-diff/view.js';

/**
 * Every text of a manifest through the poisoning rules, with no baseline (a first pin). Of the
 * whole-manifest review only the poisoning findings count here: that every tool is new, or what
 * capabilities it has, is what the user is pinning, not a change to warn about.
 */
export function wholeManifestFindings(after: ManifestView, subject: string): Finding[] {
  return reviewWholeManifest(after, subject).findings.filter((f) => f.code.startsWith('poison/'));
}
