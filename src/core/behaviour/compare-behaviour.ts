import { finding, type Finding } from '../findings/finding.js';
import { list, MAX_LISTED } from './assess-behaviour.js';
import type { BehaviourDenial, BehaviourRecord, DenialKind } from './record.js';

/** What the denial kinds are called in messages. */
const DENIED: Record<DenialKind, string> = {
  'child-process': 'a child process',
  'file-read': 'a file read outside its tree',
  'file-write': 'a file write outside its sandbox',
  network: 'a network connection',
  worker: 'a worker',
  other: 'another operation',
};

/**
 * The candidate's behaviour next to the pinned version's, for an update. With no pinned record (a
 * pin made before behaviour was recorded) one info finding says so and nothing is compared: the
 * candidate's own record is judged on its own, never as all new.
 */
export function assessBehaviourUpdate(
  subject: string,
  pinned: BehaviourRecord | undefined,
  candidate: BehaviourRecord,
): Finding[] {
  if (pinned) return compareBehaviour(subject, pinned, candidate);
  return [
    finding('behaviour/no-baseline', {
      subject,
      message: `${subject}: the pin has no behaviour record (pinned before behaviour was recorded), so what the update attempts at start-up is not compared; approving it stores one`,
      location: { kind: 'server', name: 'behaviour' },
    }),
  ];
}

/**
 * What the candidate attempts at start-up that the pinned version did not: new programs,
 * destinations and sockets are high, new files outside the tree medium. A denial of a kind the
 * pinned version never had (child process, file read, network…) is high; a new resource of a kind
 * it had is medium. Traced lists are compared only when both records were traced (a denial-only
 * record says nothing of them); when the tracers differ, an info finding says so. Attempts on
 * secrets are not diffed: they are critical on every start (behaviour/sensitive-path).
 */
export function compareBehaviour(subject: string, pinned: BehaviourRecord, candidate: BehaviourRecord): Finding[] {
  const out: Finding[] = [];
  const location = { kind: 'server', name: 'behaviour' };
  const added = <T>(before: T[], after: T[], key: (x: T) => string): T[] => {
    const seen = new Set(before.map(key));
    return after.filter((x) => !seen.has(key(x)));
  };
  if (pinned.tracer === 'strace' && candidate.tracer === 'strace') {
    const spawns = added(pinned.spawns, candidate.spawns, (s) => s.command.join('\u0000'));
    if (spawns.length > 0)
      out.push(
        finding('behaviour/spawn-added', {
          subject,
          message: `${subject} executes what the pinned version did not: ${list(spawns.map((s) => s.command.join(' ')))}`,
          location,
          evidence: { added: spawns.slice(0, MAX_LISTED) },
        }),
      );
    const dest = added(pinned.connections, candidate.connections, (c) => c.address);
    if (dest.length > 0)
      out.push(
        finding('behaviour/destination-added', {
          subject,
          message: `${subject} connects to new destinations: ${list(dest.map((c) => c.address))}`,
          location,
          evidence: { added: dest.slice(0, MAX_LISTED) },
        }),
      );
    const sockets = added(pinned.sockets, candidate.sockets, (s) => `${s.address}\u0000${String(s.listening)}`);
    if (sockets.length > 0)
      out.push(
        finding('behaviour/listener-added', {
          subject,
          message: `${subject} opens sockets the pinned version did not: ${list(sockets.map((s) => s.address))}`,
          location,
          evidence: { added: sockets.slice(0, MAX_LISTED) },
        }),
      );
    const files = added(pinned.files, candidate.files, (f) => f.path).filter((f) => !f.sensitive);
    if (files.length > 0)
      out.push(
        finding('behaviour/file-added', {
          subject,
          message: `${subject} opens new paths outside its tree: ${list(files.map((f) => f.path))}`,
          location,
          evidence: { added: files.slice(0, MAX_LISTED) },
        }),
      );
  } else if (pinned.tracer !== candidate.tracer) {
    out.push(
      finding('behaviour/tracer-differs', {
        subject,
        message: `${subject}: the pinned behaviour was recorded with ${pinned.tracer}, the update's with ${candidate.tracer}; only sandbox denials are compared`,
        location,
        evidence: { pinned: pinned.tracer, candidate: candidate.tracer },
      }),
    );
  }
  out.push(...denialFindings(subject, pinned.denials, candidate.denials));
  return out;
}

/** New denials: one high finding per kind the pinned version never had, one medium for new resources of known kinds. */
function denialFindings(subject: string, pinned: BehaviourDenial[], candidate: BehaviourDenial[]): Finding[] {
  const key = (d: BehaviourDenial) => `${d.kind}\u0000${d.resource ?? ''}`;
  const seen = new Set(pinned.map(key));
  const seenKinds = new Set(pinned.map((d) => d.kind));
  const fresh = candidate.filter((d) => !seen.has(key(d)));
  const shown = (d: BehaviourDenial) => (d.resource ? `${d.kind} ${d.resource}` : d.kind);
  const out: Finding[] = [];
  for (const kind of [...new Set(fresh.map((d) => d.kind))].sort()) {
    const denied = fresh.filter((d) => d.kind === kind);
    const known = seenKinds.has(kind);
    out.push(
      finding(known ? 'behaviour/denial-resource-added' : 'behaviour/denial-added', {
        subject,
        message: known
          ? `${subject} was denied ${DENIED[kind]} on resources the pinned version never tried: ${list(denied.map(shown))}`
          : `${subject} attempted ${DENIED[kind]}, which the sandbox denied and the pinned version never tried: ${list(denied.map(shown))}`,
        location: { kind: 'server', name: kind },
        evidence: { kind, added: denied.slice(0, MAX_LISTED) },
      }),
    );
  }
  return out;
}
