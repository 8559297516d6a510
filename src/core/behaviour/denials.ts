import type { BehaviourDenial, DenialKind } from './record.js';

const PERMISSION_KIND: Record<string, DenialKind> = {
  FileSystemRead: 'file-read',
  FileSystemWrite: 'file-write',
  ChildProcess: 'child-process',
  WorkerThreads: 'worker',
};
const PERMISSION = /\b(FileSystemRead|FileSystemWrite|ChildProcess|WorkerThreads|InspectorBrowser|Addons|WASI)\b/;
const RESOURCE = /resource:\s*'((?:[^'\\]|\\.)*)'/;
const NETWORK = /\b(?:connect\s+)?(ENETUNREACH|EAI_AGAIN|ENOTFOUND)\b\s*([^\s,;)]+)?/;

/**
 * The operations a sandbox layer denied, as the server reported them on stderr: Node's permission
 * model (ERR_ACCESS_DENIED with the permission and, on the same or a following line, the
 * resource) and the errors only a network namespace produces (unreachable network, failed name
 * lookup). Paths are given as the server saw them; normalise before storing.
 */
export function denialsFromStderr(stderr: string): BehaviourDenial[] {
  const lines = stderr.split('\n');
  const withCode = stderr.includes('ERR_ACCESS_DENIED');
  const out = new Map<string, BehaviourDenial>();
  const add = (d: BehaviourDenial) => {
    const key = `${d.kind}\u0000${d.resource ?? ''}`;
    if (!out.has(key) && out.size < 100) out.set(key, d);
  };
  lines.forEach((line, i) => {
    // a disabled addon, or the permission model's message printed without its code
    if (
      line.includes('ERR_DLOPEN_DISABLED') ||
      (!withCode && line.includes('Access to this API has been restricted'))
    ) {
      add({ kind: 'other', resource: line.includes('ERR_DLOPEN_DISABLED') ? 'native addon' : 'restricted API' });
      return;
    }
    if (line.includes('ERR_ACCESS_DENIED') || /permission:\s*'\w+'/.test(line)) {
      const perm = PERMISSION.exec(line)?.[1] ?? PERMISSION.exec(lines.slice(i + 1, i + 3).join('\n'))?.[1];
      if (!perm && !/permission:/.test(line) && !line.includes('ERR_ACCESS_DENIED')) return;
      if (!perm && lines.slice(i - 3, i).some((l) => PERMISSION.test(l))) return;
      const kind = perm ? (PERMISSION_KIND[perm] ?? 'other') : 'other';
      const nearby = [line, ...lines.slice(i + 1, i + 3)].join('\n');
      const resource = RESOURCE.exec(nearby)?.[1] ?? /\s(\/[^\s'",;]+)/.exec(line)?.[1];
      add(resource ? { kind, resource } : { kind });
      return;
    }
    const net = NETWORK.exec(line);
    if (net) add(net[2] ? { kind: 'network', resource: net[2] } : { kind: 'network' });
  });
  return [...out.values()];
}
