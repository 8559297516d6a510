import type { Finding } from '../findings/finding.js';
import { reviewManifestChange } from '../manifest-diff/review.js';
import { emptyView, type ManifestView } from '../manifest-diff/view.js';

/**
 * Every text of a manifest through the poisoning rules, with no baseline (a first pin). Until the
 * poisoning review has its own whole-manifest entry point this is the change from an empty
 * manifest, keeping only the poisoning findings (every tool is new, which is no news on a first pin).
 */
export function wholeManifestFindings(after: ManifestView, subject: string): Finding[] {
  return reviewManifestChange(emptyView('(no baseline)'), after, subject).findings.filter((f) =>
    f.code.startsWith('poison/'),
  );
}
