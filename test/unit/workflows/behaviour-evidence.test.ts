/* eslint-disable @typescript-eslint/no-explicit-any -- tests edit stored JSON in place */
import { describe, expect, it } from 'vitest';
import { emptyBehaviour, type BehaviourRecord } from '../../../src/core/behaviour/record.js';
import { VetError } from '../../../src/core/errors.js';
import { exitCodeForReport } from '../../../src/core/report/report.js';
import { approveServer } from '../../../src/workflows/approve.js';
import { verifyServer } from '../../../src/workflows/verify.js';
import { BENIGN, pinned, registry, tool } from './support.js';

const traced = (extra: Partial<BehaviourRecord> = {}): BehaviourRecord => ({ ...emptyBehaviour('strace'), ...extra });
const server = (behaviour: BehaviourRecord) => ({ tools: [tool('add_note', BENIGN)], behaviour });
const HOSTILE = traced({
  spawns: [{ command: ['/bin/sh', '-c', 'echo stage2'] }],
  connections: [{ address: '127.0.0.1:4444' }],
  sockets: [{ address: '[::]:47123', listening: true, allInterfaces: true }],
});
const verify = (r: ReturnType<typeof registry>, spec: string) => verifyServer(r.fake.ports(), { spec, failOn: 'high' });
const behaviourCodes = (findings: Array<{ code: string; severity: string }>) =>
  findings.filter((f) => f.code.startsWith('behaviour/')).map((f) => [f.code, f.severity]);

/** notes@1.0.0 pinned with a clean traced record. */
async function pinnedClean() {
  const r = registry();
  r.publish('notes', '1.0.0', { server: server(traced()) });
  await pinned(r, 'notes', '1.0.0');
  return r;
}

describe('the behaviour record as pinned evidence', () => {
  it('add stores behaviour.json (canonical, with $schema) and pins its digest and tracer', async () => {
    const r = await pinnedClean();
    const entry = await r.fake.workspace.readEntry('notes');
    expect(entry?.behaviour).toMatchObject({ tracer: 'strace', digest: expect.stringMatching(/^sha256:/) });
    const text = r.fake.workspace.files.get(r.fake.workspace.snapshotPath('notes', '1.0.0', 'behaviour.json'));
    expect(JSON.parse(text!)).toEqual({ $schema: 'urn:mcp-vet:schema:behaviour:1', ...traced() });
  });

  it('verify of an update that spawns, dials out and listens on every interface: each with its code, exit 1', async () => {
    const r = await pinnedClean();
    r.publish('notes', '1.1.0', { server: server(HOSTILE) });
    const report = await verify(r, 'notes@1.1.0');
    expect(behaviourCodes(report.findings)).toEqual(
      expect.arrayContaining([
        ['behaviour/spawn-added', 'high'],
        ['behaviour/destination-added', 'high'],
        ['behaviour/listener-added', 'high'],
        ['behaviour/listens-on-all-interfaces', 'high'],
      ]),
    );
    expect(exitCodeForReport(report, 'high')).toBe(1);
  });

  it('the same update without them is clean (exit 0)', async () => {
    const r = await pinnedClean();
    r.publish('notes', '1.1.0', { server: server(traced()) });
    const report = await verify(r, 'notes@1.1.0');
    expect(behaviourCodes(report.findings)).toEqual([]);
    expect(exitCodeForReport(report, 'high')).toBe(0);
  });

  it('an edited behaviour.json is a critical evidence/mismatch naming it and is not the baseline', async () => {
    const r = await pinnedClean();
    const path = r.fake.workspace.snapshotPath('notes', '1.0.0', 'behaviour.json');
    // the attacker writes the update's behaviour into the stored record, to hide it
    const json = JSON.parse(r.fake.workspace.files.get(path)!) as Record<string, any>;
    r.fake.workspace.files.set(path, JSON.stringify({ ...json, spawns: HOSTILE.spawns }));
    r.publish('notes', '1.1.0', { server: server(HOSTILE) });
    const report = await verify(r, 'notes@1.1.0');
    const mismatch = report.findings.filter((f) => f.code === 'evidence/mismatch');
    expect(mismatch.map((f) => [f.severity, f.location?.file])).toEqual([['critical', path]]);
    // with no trusted baseline, the update is not compared (and not called new everywhere)
    expect(behaviourCodes(report.findings)).toContainEqual(['behaviour/no-baseline', 'info']);
  });

  it('a pin made before behaviour was recorded: one info finding, nothing flagged as new', async () => {
    const r = await pinnedClean();
    const file = r.fake.workspace.entryFile('notes');
    const entry = JSON.parse(r.fake.workspace.files.get(file)!) as Record<string, any>;
    delete entry['behaviour'];
    r.fake.workspace.files.set(file, JSON.stringify(entry));
    r.fake.workspace.files.delete(r.fake.workspace.snapshotPath('notes', '1.0.0', 'behaviour.json'));
    r.publish('notes', '1.1.0', { server: server(HOSTILE) });
    const report = await verify(r, 'notes@1.1.0');
    const codes = behaviourCodes(report.findings);
    expect(codes.filter(([c]) => c === 'behaviour/no-baseline')).toEqual([['behaviour/no-baseline', 'info']]);
    expect(codes.filter(([c]) => String(c).endsWith('-added'))).toEqual([]);
    expect(report.findings.filter((f) => f.code === 'evidence/mismatch')).toEqual([]);
  });

  it('a start the sandbox stopped: its denial is evidence (high, the pinned version had none) beside the stage finding', async () => {
    const r = await pinnedClean();
    r.publish('notes', '1.1.0', {
      server: {
        fail: new VetError('SERVER_FAILED', 'notes@1.1.0 (first start): the server exited with code 1'),
        behaviour: traced({ denials: [{ kind: 'child-process', resource: '/bin/sh' }] }),
      },
    });
    const report = await verify(r, 'notes@1.1.0');
    const codes = report.findings.map((f) => [f.code, f.severity]);
    expect(codes).toContainEqual(['behaviour/denial-added', 'high']);
    expect(codes).toContainEqual(['manifest/sandbox-denied', 'high']);
    expect(codes).toContainEqual(['stage/incomplete', 'high']);
  });

  it('approve moves the baseline: the approved record is stored and pinned for the next update', async () => {
    const r = await pinnedClean();
    r.publish('notes', '1.1.0', { server: server(HOSTILE) });
    const approved = await approveServer(r.fake.ports(), {
      spec: 'notes@1.1.0',
      by: 'tester',
      failOn: 'high',
      force: true,
      note: 'the listener is documented',
    });
    expect(approved.approved).toBe(true);
    expect(approved.entry?.behaviour?.tracer).toBe('strace');
    r.publish('notes', '1.2.0', { server: server(HOSTILE) });
    const report = await verify(r, 'notes@1.2.0');
    expect(behaviourCodes(report.findings).filter(([c]) => String(c).endsWith('-added'))).toEqual([]);
  });
});
