import { sortFindings, type Finding } from '../findings/finding.js';
import { poisonRules, scanAddedText, type PoisonRule } from '../poison/index.js';
import { diffManifests } from './diff-manifests.js';
import { emptyView, type ManifestView } from './view.js';

/** For evaluation: which rules to run and which patterns to leave out. The default is every rule. */
export interface ReviewOptions {
  rules?: readonly PoisonRule[];
  ablate?: ReadonlySet<string>;
}

export interface ManifestReview {
  findings: Finding[];
  /** True when the two manifests differ in anything the diff compares. */
  changed: boolean;
}

/**
 * The rug-pull check of one update: every change between the manifests (manifest/… findings) and
 * the poisoning rules over the text the change adds (poison/… findings), sorted.
 */
export function reviewManifestChange(
  before: ManifestView,
  after: ManifestView,
  subject: string,
  options: ReviewOptions = {},
): ManifestReview {
  const diff = diffManifests(before, after, subject);
  const renamedTo = new Set(
    diff.findings.filter((f) => f.code === 'manifest/tool-renamed').map((f) => f.location?.name ?? ''),
  );
  const newTools = new Set(
    diff.findings.filter((f) => f.code === 'manifest/tool-added').map((f) => f.location?.name ?? ''),
  );
  for (const name of renamedTo) newTools.delete(name);
  const poison = scanAddedText(
    options.rules ?? poisonRules,
    diff.added,
    {
      beforeTools: new Set(diff.beforeTools),
      afterTools: new Set(diff.afterTools),
      newTools,
      afterParams: diff.afterParams,
      afterToolDefs: new Map(after.tools.map((t) => [t.name, t])),
      ...(options.ablate ? { ablate: options.ablate } : {}),
    },
    subject,
    options.ablate ? { ablate: options.ablate } : {},
  );
  return { findings: sortFindings([...diff.findings, ...poison]), changed: diff.findings.length > 0 };
}

/**
 * The absolute review of one manifest with no baseline (a first pin): the same engine as
 * `reviewManifestChange`, run against an empty manifest, so `mcp-vet diff` with an empty "before"
 * gives the same findings. Every tool, prompt and resource is new, and all of its text is scanned.
 */
export function reviewWholeManifest(after: ManifestView, subject: string, options: ReviewOptions = {}): ManifestReview {
  return reviewManifestChange(emptyView('(no baseline)'), after, subject, options);
}
