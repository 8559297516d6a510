import type { Finding } from '../findings/finding.js';
import { atLeast } from '../findings/severity.js';

/** The checks a subject goes through, in the order a person reads them. */
export const CHECK_NAMES = ['bytes', 'closure', 'provenance', 'snapshot', 'manifest', 'up-to-date'] as const;
export type CheckName = (typeof CHECK_NAMES)[number];

/** held: checked and nothing changed; changed: checked, see the findings; failed: a blocking finding; not-checked. */
export type CheckStatus = 'held' | 'changed' | 'failed' | 'not-checked';

export interface SubjectCheck {
  name: CheckName;
  /** the version the check was made on */
  version: string;
  status: CheckStatus;
  detail: string;
}

/**
 * What a workflow did for one version, gathered as it ran: which steps ran and what they saw.
 * The status of each check then follows from the findings alone (assessChecks), so a check can
 * never say "held" while a finding says otherwise.
 */
export interface CheckFacts {
  version: string;
  /** the tarball was fetched and its bytes compared with the pinned (or registry) integrity */
  bytes?: boolean;
  /** the dependency closure was resolved (packages in it) and compared with the pinned lock */
  closure?: {
    packages: number;
    /** false on a first pin: resolved, with no pinned lock to compare */ compared?: boolean;
  };
  /** what the provenance step found */
  provenance?: 'verified' | 'absent' | 'unavailable';
  /** the server was started in the sandbox this many times and its manifests compared */
  snapshot?: {
    starts: number;
    /** one start of the approved bytes and closure listed the approved manifest (their three starts compared when approved) */
    settled?: true;
  };
  /** the manifest was compared with the stored one */
  manifestCompared?: boolean;
  /** a first pin: the whole manifest went through the poisoning rules with no baseline */
  manifestReviewed?: { tools: number; prompts: number; resources: number };
  /** undefined: not asked; true: the pin is the newest version within policy; else the newer version */
  newerWithinPolicy?: string | null;
}

const BYTES_CODES = new Set(['package/integrity-mismatch', 'package/integrity-changed', 'package/weak-integrity']);
/** findings from running the server, not from comparing its manifest */
const RUN_CODES = new Set([
  'manifest/unstable',
  'manifest/stdout-noise',
  'manifest/list-changed',
  'manifest/sandbox-denied',
  'manifest/env-echoed',
]);

/** The checks of one version of `name`, from the facts gathered and the findings about that version. */
export function assessChecks(name: string, facts: CheckFacts, findings: readonly Finding[]): SubjectCheck[] {
  const subject = `${name}@${facts.version}`;
  const own = findings.filter((f) => f.subject === subject);
  const out: SubjectCheck[] = [];
  const check = (n: CheckName, status: CheckStatus, detail: string) =>
    out.push({ name: n, version: facts.version, status, detail });
  const worst = (list: readonly Finding[]): CheckStatus =>
    list.some((f) => atLeast(f.severity, 'high')) ? 'failed' : 'changed';

  const bytes = own.filter((f) => BYTES_CODES.has(f.code));
  if (bytes.length > 0) check('bytes', worst(bytes), bytes.map((f) => f.code.split('/')[1]).join(', '));
  else if (facts.bytes) check('bytes', 'held', 'tarball matches its integrity');

  if (facts.closure) {
    const changes = own.filter((f) => f.code.startsWith('package/closure-') && f.location?.kind === 'dependency');
    if (facts.closure.compared === false && changes.length === 0)
      check('closure', 'held', `${count(facts.closure.packages, 'package')} resolved`);
    else if (changes.length === 0) check('closure', 'held', `identical (${facts.closure.packages} packages)`);
    else check('closure', worst(changes), `${closureSummary(changes)} of ${facts.closure.packages} packages`);
  }

  const provenance = own.filter((f) => f.code.startsWith('provenance/'));
  if (facts.provenance === 'verified' && provenance.length === 0) check('provenance', 'held', 'verified');
  else if (provenance.some((f) => f.severity !== 'info' && f.code !== 'provenance/unavailable'))
    check('provenance', worst(provenance), provenance.map((f) => f.code.split('/')[1]).join(', '));
  else if (facts.provenance === 'absent') check('provenance', 'held', 'none published, none pinned');
  else if (facts.provenance === 'unavailable')
    check('provenance', 'not-checked', 'the registry serves no attestations');

  if (facts.snapshot) {
    const unstable = own.filter((f) => f.code === 'manifest/unstable');
    const starts = facts.snapshot.starts;
    if (unstable.length > 0) check('snapshot', worst(unstable), `the ${starts} starts listed different manifests`);
    else
      check(
        'snapshot',
        'held',
        starts > 1
          ? `each of ${starts} starts identical`
          : facts.snapshot.settled
            ? 'started once, as approved'
            : 'server started',
      );
  }

  if (facts.manifestCompared) {
    const changes = own.filter(
      (f) => (f.code.startsWith('manifest/') || f.code.startsWith('poison/')) && !RUN_CODES.has(f.code),
    );
    const notable = changes.filter((f) => f.severity !== 'info');
    if (changes.length === 0) check('manifest', 'held', 'unchanged');
    else if (notable.length === 0)
      check('manifest', 'held', `unchanged apart from ${changes.length} informational difference(s)`);
    else check('manifest', worst(notable), `${notable.length} change(s)`);
  }

  if (facts.manifestReviewed) {
    const { tools, prompts, resources } = facts.manifestReviewed;
    const counted = [count(tools, 'tool'), count(prompts, 'prompt'), count(resources, 'resource')].join(', ');
    const poison = own.filter((f) => f.code.startsWith('poison/') || f.code.startsWith('manifest/'));
    const notable = poison.filter((f) => f.severity !== 'info' && !RUN_CODES.has(f.code));
    if (notable.length === 0) check('manifest', 'held', `${counted} reviewed, no poisoning finding`);
    else check('manifest', worst(notable), `${counted} reviewed, ${count(notable.length, 'finding')}`);
  }

  if (!facts.manifestReviewed && !facts.manifestCompared && own.some((f) => f.code === 'manifest/not-reviewed'))
    check('manifest', 'not-checked', 'the server was not started (--no-snapshot)');

  if (facts.newerWithinPolicy === null) check('up-to-date', 'held', 'up to date: newest version within policy');
  else if (typeof facts.newerWithinPolicy === 'string')
    check('up-to-date', 'changed', `${facts.newerWithinPolicy} is newer and within policy`);
  return out;
}

function closureSummary(changes: readonly Finding[]): string {
  const counts = new Map<string, number>();
  for (const f of changes) {
    const kind = f.code.replace('package/closure-', '').replace('package-', '');
    counts.set(kind, (counts.get(kind) ?? 0) + 1);
  }
  return [...counts].map(([k, n]) => `${n} ${k}`).join(', ');
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}
