import semver from 'semver';
import type { SubjectResult } from './report.js';

/** A command a person can run next, and why. */
export interface NextStep {
  command: string;
  why: string;
}

/**
 * What to run after verify or drift, per subject that has a newer candidate: approve it when
 * nothing blocks, else read the code change first. Other commands give their own next steps.
 */
export function nextSteps(command: string, subjects: readonly SubjectResult[]): NextStep[] {
  if (command !== 'verify' && command !== 'drift') return [];
  const out: NextStep[] = [];
  for (const s of subjects) {
    if (!s.from || !s.to || s.from === s.to) continue;
    // approve refuses a version below the pin unless told it is intended (package/downgrade)
    const down = semver.valid(s.from) && semver.valid(s.to) && semver.lt(s.to, s.from);
    if (s.verdict === 'block') {
      out.push({
        command: `mcp-vet diff ${s.name}@${s.from} ${s.name}@${s.to} --code`,
        why: down
          ? `read the change before deciding; going back to ${s.to} needs approve --allow-downgrade (and --force --note for other blocking findings)`
          : `read the change before deciding; approving ${s.to} needs --force --note`,
      });
    } else {
      out.push({
        command: `mcp-vet approve ${s.name}@${s.to}${down ? ' --allow-downgrade' : ''}`,
        why:
          s.verdict === 'review'
            ? `after reading the findings above, move the pin to ${s.to}`
            : `nothing needs a look: move the pin to ${s.to}`,
      });
    }
  }
  return out;
}
