import { finding, type Finding } from '../findings/finding.js';
import type { LockChange } from '../package/lock-diff.js';
import type { ClosureJudgement, ClosureReview, ReviewedChange } from './evidence.js';

const SHOWN_SIGNALS = 3;

/**
 * Findings for a dependency closure that resolves differently than the pinned lock. With a content
 * review, each added or changed package gets the severity its judgement gives (a clean settled
 * release is info; a recent one that adds an install script or obfuscated code is critical);
 * without one, or for a package the review could not read, it stays medium: unreviewed. Removed
 * packages, other bytes for a version and another source are judged from the lock alone.
 */
export function closureFindings(subject: string, changes: readonly LockChange[], review?: ClosureReview): Finding[] {
  const judged = new Map((review?.judgements ?? []).map((j) => [j.path, j]));
  const capped = new Set(review?.capped ?? []);
  const out = changes.map((c): Finding => {
    const location = { kind: 'dependency', name: c.path };
    switch (c.kind) {
      case 'added':
      case 'version-changed': {
        const j = judged.get(c.path);
        if (j) return judgedFinding(subject, c, j);
        return unreviewedFinding(
          subject,
          c,
          review ? (capped.has(c.path) ? 'over the review cap' : 'not reviewed') : undefined,
        );
      }
      case 'removed':
        return finding('package/closure-package-removed', {
          subject,
          location,
          message: `${c.before.name}@${c.before.version} is no longer in the dependency closure (${c.path})`,
          evidence: { package: `${c.before.name}@${c.before.version}`, before: `${c.before.name}@${c.before.version}` },
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
  if (review && review.capped.length > 0)
    out.push(
      finding('package/closure-review-capped', {
        subject,
        location: { kind: 'dependency', name: review.capped[0]! },
        message: `${review.capped.length} changed package(s) of the dependency closure were not reviewed: more than ${review.cap} changed`,
        evidence: { cap: review.cap, notReviewed: review.capped.length, paths: review.capped.slice(0, 50) },
      }),
    );
  return out;
}

function identity(c: ReviewedChange): { package: string; before?: string; after: string } {
  const after = `${c.after.name}@${c.after.version}`;
  if (c.kind === 'added') return { package: after, after };
  return {
    package: `${c.after.name} ${c.before.version} -> ${c.after.version}`,
    before: `${c.before.name}@${c.before.version}`,
    after,
  };
}

function what(c: ReviewedChange): string {
  return c.kind === 'added'
    ? `${c.after.name}@${c.after.version} is new in the dependency closure (${c.path})`
    : `${c.path} resolves to ${c.after.name}@${c.after.version} instead of ${c.before.name}@${c.before.version}`;
}

function unreviewedFinding(subject: string, c: ReviewedChange, reason?: string): Finding {
  return finding(c.kind === 'added' ? 'package/closure-package-added' : 'package/closure-version-changed', {
    subject,
    severity: 'medium',
    location: { kind: 'dependency', name: c.path },
    message: reason ? `${what(c)}; its content was not reviewed (${reason})` : what(c),
    evidence: { ...identity(c), reviewed: false, ...(reason ? { reason } : {}) },
  });
}

function judgedFinding(subject: string, c: ReviewedChange, j: ClosureJudgement): Finding {
  const location = { kind: 'dependency', name: c.path };
  const age = j.ageDays === undefined ? 'publication time unknown' : `published ${j.ageDays} days ago`;
  const evidence = {
    ...identity(c),
    reviewed: j.outcome !== 'unreviewed',
    ...(j.against ? { against: j.against } : {}),
    ...(j.published ? { published: j.published, ageDays: j.ageDays } : {}),
    ...(j.signals.length > 0 ? { signals: j.signals } : {}),
    ...(j.reason ? { reason: j.reason } : {}),
  };
  switch (j.outcome) {
    case 'bytes-refused':
      return finding('package/closure-bytes-refused', {
        subject,
        location,
        message: `${c.after.name}@${c.after.version} (${c.path}): the bytes served do not match the integrity the lock records`,
        evidence: { ...identity(c), integrity: c.after.integrity ?? null },
      });
    case 'unreviewed':
      return unreviewedFinding(subject, c, j.reason);
    case 'clean':
      return finding(c.kind === 'added' ? 'package/closure-package-added' : 'package/closure-version-changed', {
        subject,
        severity: j.severity,
        location,
        message: `${what(c)}; no install script, obfuscation, binary or new endpoint with a dangerous API (${age})`,
        evidence,
      });
    case 'hostile':
    case 'notable': {
      const shown = j.signals.slice(0, SHOWN_SIGNALS).map((s) => s.message);
      const more = j.signals.length > SHOWN_SIGNALS ? ` and ${j.signals.length - SHOWN_SIGNALS} more` : '';
      return finding(
        j.outcome === 'hostile' ? 'package/closure-dependency-hostile' : 'package/closure-dependency-notable',
        {
          subject,
          severity: j.severity,
          location,
          message: `${identity(c).package} (${c.path}, ${age}): ${shown.join('; ')}${more}`,
          evidence,
        },
      );
    }
  }
}
