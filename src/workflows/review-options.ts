import type { Finding } from '../core/findings/finding.js';
import type { CheckFacts } from '../core/report/report.js';
import type { AllowlistEntry } from '../core/workspace/allowlist-entry.js';
import type { SnapshotFiles } from '../io/workspace.js';
import type { AdvisoryFetcher } from './gather/advisories.js';
import type { SnapshotOptions } from './gather/snapshot.js';
import type { ProvenanceOptions } from './provenance-step.js';

/** Options of every command that runs the whole verification (add, verify, approve, drift). */
export interface ReviewOptions {
  allowSha1?: boolean;
  /** --provenance-registry, --expect-* */
  provenance?: Pick<ProvenanceOptions, 'provenanceRegistry' | 'expect'>;
  /** sandbox settings for the manifest snapshot; false: do not run the server */
  snapshot?: SnapshotOptions | false;
  /** where advisories come from (drift: one bulk request for all pins); default: one request */
  advisories?: AdvisoryFetcher;
  /** the allowlisted names, when the caller has read them already (drift) */
  allowlisted?: readonly string[];
  /** verify, approve: a candidate below the pin is intended (package/downgrade becomes info) */
  allowDowngrade?: boolean;
}

/** What one version looks like next to its pin, and the evidence to store if it is approved. */
export interface Review {
  subject: string;
  from: string;
  to: string;
  findings: Finding[];
  /** which stages ran and what they saw, for the report's checks */
  facts: CheckFacts;
  /** absent when the bytes or the closure could not be verified (then there is nothing to approve) */
  approvable?: { entry: Omit<AllowlistEntry, 'approved'>; evidence: SnapshotFiles };
}
