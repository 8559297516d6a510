/* eslint-disable @typescript-eslint/no-explicit-any -- tests edit stored JSON in place */
import { describe, expect, it } from 'vitest';
import { exitCodeForReport } from '../../../src/core/report/report.js';
import { approveServer } from '../../../src/workflows/approve.js';
import { verifyServer } from '../../../src/workflows/verify.js';
import { DOWNLOAD_AND_RUN, POISONED, fails, pinned, registry, serves } from './support.js';

const verify = (r: ReturnType<typeof registry>, spec: string) => verifyServer(r.fake.ports(), { spec, failOn: 'high' });
const codes = (findings: Array<{ code: string }>) => [...new Set(findings.map((f) => f.code))].sort();
const serious = (findings: Array<{ code: string; severity: string }>) =>
  codes(findings.filter((f) => f.severity === 'high' || f.severity === 'critical'));

describe('verify and approve against the pin', () => {
  it('the pinned version again: same bytes, closure and manifest pass', async () => {
    const r = registry();
    r.publish('notes', '1.0.0');
    await pinned(r, 'notes', '1.0.0');
    const report = await verify(r, 'notes');
    expect(serious(report.findings)).toEqual([]);
    expect(exitCodeForReport(report, 'high')).toBe(0);
  });

  it.each([
    ['manifest.json', (j: Record<string, any>): void => void (j['tools'][0].description = 'Adds a note and mails it.')],
    ['lock.json', (j: Record<string, any>): void => void (j['packages']['node_modules/notes'].version = '1.0.1')],
    ['package.json', (j: Record<string, any>): void => void (j['integrity'] = 'sha512-AAAA')],
  ] as const)('tampered %s is a critical evidence/mismatch naming the file (exit 1)', async (file, change) => {
    const r = registry();
    r.publish('notes', '1.0.0');
    await pinned(r, 'notes', '1.0.0');
    const path = r.fake.workspace.snapshotPath('notes', '1.0.0', file);
    const json = JSON.parse(r.fake.workspace.files.get(path)!) as Record<string, any>;
    change(json);
    r.fake.workspace.files.set(path, JSON.stringify(json));
    const report = await verify(r, 'notes@1.0.0');
    const mismatch = report.findings.filter((f) => f.code === 'evidence/mismatch');
    expect(mismatch.map((f) => [f.severity, f.location?.file])).toEqual([['critical', path]]);
    expect(exitCodeForReport(report, 'high')).toBe(1);
  });

  it('an edited baseline is not used: a poisoned update is still reviewed in full', async () => {
    const r = registry();
    r.publish('notes', '1.0.0');
    await pinned(r, 'notes', '1.0.0');
    r.publish('notes', '1.1.0', { server: serves(POISONED) });
    // the attacker also writes the poisoned description into the stored baseline
    const path = r.fake.workspace.snapshotPath('notes', '1.0.0', 'manifest.json');
    const text = r.fake.workspace.files.get(path)!;
    r.fake.workspace.files.set(
      path,
      text.replace(JSON.stringify('Adds a note to the notebook.'), JSON.stringify(POISONED)),
    );
    const report = await verify(r, 'notes@1.1.0');
    expect(codes(report.findings)).toContain('evidence/mismatch');
    expect(codes(report.findings).some((c) => c.startsWith('poison/'))).toBe(true);
  });

  it('other bytes served for the pinned version are package/integrity-mismatch', async () => {
    const r = registry();
    r.publish('notes', '1.0.0');
    await pinned(r, 'notes', '1.0.0');
    r.fake.served.set('notes@1.0.0', Buffer.from('not the pinned bytes'));
    const report = await verify(r, 'notes@1.0.0');
    expect(serious(report.findings)).toEqual(['package/integrity-mismatch']);
  });

  it('a candidate that downloads and runs code at start-up: exit 1 with the package finding, the failed start a stage finding', async () => {
    const r = registry();
    r.publish('notes', '1.0.0');
    await pinned(r, 'notes', '1.0.0');
    r.publish('notes', '1.1.0', {
      code: DOWNLOAD_AND_RUN,
      server: fails(
        'notes@1.1.0 (first start): the server exited with code 1; stderr ends: ERR_ACCESS_DENIED ChildProcess',
      ),
    });
    const report = await verify(r, 'notes');
    expect(report.subjects[0]?.to).toBe('1.1.0');
    const api = report.findings.filter((f) => f.code === 'package/dangerous-api-added').map((f) => f.evidence?.['api']);
    expect(api).toEqual(expect.arrayContaining(['child-process', 'download-exec']));
    const stage = report.findings.find((f) => f.code === 'stage/incomplete');
    expect(stage?.evidence).toMatchObject({ stage: 'snapshot', code: 'SERVER_FAILED' });
    expect(exitCodeForReport(report, 'high')).toBe(1);
  });

  it('a stage that cannot complete, and nothing else at --fail-on: exit 3', async () => {
    const r = registry();
    r.publish('notes', '1.0.0');
    await pinned(r, 'notes', '1.0.0');
    r.publish('notes', '1.1.0', { server: fails('notes@1.1.0 (first start): no answer within 30 s') });
    const report = await verify(r, 'notes@1.1.0');
    expect(serious(report.findings)).toEqual(['stage/incomplete']);
    expect(exitCodeForReport(report, 'high')).toBe(3);
    expect(report.verdict).toBe('block');
  });

  it('approve moves the pin to a clean update; refuses a poisoned one unless --force --note', async () => {
    const r = registry();
    r.publish('notes', '1.0.0');
    await pinned(r, 'notes', '1.0.0');
    r.publish('notes', '1.1.0');
    r.publish('notes', '1.2.0', { server: serves(POISONED) });
    const ports = r.fake.ports();
    const ok = await approveServer(ports, { spec: 'notes@1.1.0', by: 'me', failOn: 'high' });
    expect(ok.approved).toBe(true);
    expect((await r.fake.workspace.readEntry('notes'))?.version).toBe('1.1.0');
    const refused = await approveServer(ports, { spec: 'notes@1.2.0', by: 'me', failOn: 'high' });
    expect(refused.approved).toBe(false);
    expect((await r.fake.workspace.readEntry('notes'))?.version).toBe('1.1.0');
    const forced = await approveServer(ports, {
      spec: 'notes@1.2.0',
      by: 'me',
      failOn: 'high',
      force: true,
      note: 'accepted',
    });
    expect(forced.entry?.approved.note).toMatch(/^forced past \d+ finding\(s\): accepted$/);
  });

  it('approve of a version below the pin is package/downgrade, high: refused; --allow-downgrade makes it info', async () => {
    const r = registry();
    r.publish('notes', '1.0.0');
    r.publish('notes', '1.1.0');
    await pinned(r, 'notes', '1.1.0');
    const ports = r.fake.ports();
    const refused = await approveServer(ports, { spec: 'notes@1.0.0', by: 'me', failOn: 'high' });
    const down = refused.report.findings.filter((f) => f.code === 'package/downgrade');
    expect(down.map((f) => [f.severity, f.subject])).toEqual([['high', 'notes@1.0.0']]);
    expect(refused.approved).toBe(false);
    expect((await r.fake.workspace.readEntry('notes'))?.version).toBe('1.1.0');
    const verified = await verifyServer(ports, { spec: 'notes@1.0.0', failOn: 'high' });
    expect(verified.findings.filter((f) => f.code === 'package/downgrade').map((f) => f.severity)).toEqual(['high']);
    expect(verified.next?.map((n) => n.why).join(' ')).toContain('needs approve --allow-downgrade');
    const verifiedAllowed = await verifyServer(ports, { spec: 'notes@1.0.0', failOn: 'high', allowDowngrade: true });
    expect(verifiedAllowed.next?.map((n) => n.command)).toEqual(['mcp-vet approve notes@1.0.0 --allow-downgrade']);
    const allowed = await approveServer(ports, { spec: 'notes@1.0.0', by: 'me', failOn: 'high', allowDowngrade: true });
    expect(allowed.report.findings.filter((f) => f.code === 'package/downgrade').map((f) => f.severity)).toEqual([
      'info',
    ]);
    expect(allowed.approved).toBe(true);
    expect((await r.fake.workspace.readEntry('notes'))?.version).toBe('1.0.0');
  });

  it('an upgrade or the pinned version again is no downgrade', async () => {
    const r = registry();
    r.publish('notes', '1.0.0');
    r.publish('notes', '1.1.0');
    await pinned(r, 'notes', '1.0.0');
    for (const spec of ['notes@1.0.0', 'notes@1.1.0'])
      expect(codes((await verify(r, spec)).findings), spec).not.toContain('package/downgrade');
  });

  it('approve of an update whose bytes do not verify is unverified: --force cannot approve it', async () => {
    const r = registry();
    r.publish('notes', '1.0.0');
    await pinned(r, 'notes', '1.0.0');
    r.publish('notes', '1.1.0');
    r.fake.served.set('notes@1.1.0', Buffer.from('not the published bytes'));
    const ports = r.fake.ports();
    const input = { spec: 'notes@1.1.0', by: 'me', failOn: 'high' as const, force: true, note: 'try' };
    const result = await approveServer(ports, input);
    expect([result.approved, result.unverified]).toEqual([false, true]);
    expect((await r.fake.workspace.readEntry('notes'))?.version).toBe('1.0.0');
    const blocked = await approveServer(ports, { spec: 'notes@1.0.0', by: 'me', failOn: 'info' });
    expect(blocked.unverified).toBeUndefined();
  });
});
