import { finding, type Finding } from '../findings/finding.js';
import type { BehaviourRecord } from './record.js';

export const MAX_LISTED = 20;

/**
 * Findings on one version's behaviour record, with no baseline: an exposed socket (NeighborJack),
 * a reach for secrets, programs, connections and local ports at start-up, files outside the tree.
 */
export function assessBehaviour(subject: string, record: BehaviourRecord): Finding[] {
  const out: Finding[] = [];
  const location = { kind: 'server', name: 'behaviour' };
  for (const s of record.sockets.filter((x) => x.allInterfaces))
    out.push(
      finding('behaviour/listens-on-all-interfaces', {
        subject,
        message: `${subject} ${s.listening ? 'listens' : 'binds a socket'} on every interface (${s.address}) at start-up`,
        location: { kind: 'server', name: s.address },
        evidence: { address: s.address, listening: s.listening },
      }),
    );
  const local = record.sockets.filter((x) => !x.allInterfaces);
  if (local.length > 0)
    out.push(
      finding('behaviour/listens', {
        subject,
        message: `${subject} opens ${local.length} local socket(s) at start-up: ${list(local.map((s) => s.address))}`,
        location,
        evidence: { sockets: local.slice(0, MAX_LISTED) },
      }),
    );
  for (const f of record.files.filter((x) => x.sensitive))
    out.push(
      finding('behaviour/sensitive-path', {
        subject,
        message: `${subject} tried ${f.write ? 'to write' : 'to read'} ${f.path} (${f.sensitive}) at start-up`,
        location: { kind: 'server', name: f.path },
        evidence: { path: f.path, kind: f.sensitive, write: f.write },
      }),
    );
  if (record.spawns.length > 0)
    out.push(
      finding('behaviour/spawns-process', {
        subject,
        message: `${subject} executes ${record.spawns.length} program(s) at start-up: ${list(record.spawns.map((s) => s.command.join(' ')))}`,
        location,
        evidence: { spawns: record.spawns.slice(0, MAX_LISTED) },
      }),
    );
  if (record.connections.length > 0)
    out.push(
      finding('behaviour/connects', {
        subject,
        message: `${subject} connects to ${list(record.connections.map((c) => c.address))} at start-up`,
        location,
        evidence: { connections: record.connections.slice(0, MAX_LISTED) },
      }),
    );
  const outside = record.files.filter((x) => !x.sensitive);
  if (outside.length > 0)
    out.push(
      finding('behaviour/reads-outside', {
        subject,
        message: `${subject} opens ${outside.length} path(s) outside its tree at start-up: ${list(outside.map((f) => f.path))}`,
        location,
        evidence: { files: outside.slice(0, MAX_LISTED) },
      }),
    );
  if (record.tracer !== 'strace')
    out.push(
      finding('behaviour/untraced', {
        subject,
        message: `${subject}: no tracer was available; only sandbox denials were recorded`,
        location,
      }),
    );
  return out;
}

/** At most five items, then how many more. */
export function list(items: string[]): string {
  const shown = items.slice(0, 5).join(', ');
  return items.length > 5 ? `${shown} and ${items.length - 5} more` : shown;
}
