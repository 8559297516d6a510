import { describe, expect, it } from 'vitest';
import { finding } from '../../../src/core/findings/finding.js';
import { mergeReports } from '../../../src/core/report/merge.js';
import { buildReport, type Report } from '../../../src/core/report/report.js';

function shard(command: string, names: string[], version = '1.2.3'): Report {
  return buildReport({
    command,
    toolVersion: version,
    subjects: names.map((name) => ({ name, from: '1.0.0', to: '1.0.0', file: `allowlist/${name}.json` })),
    findings: names.map((name) =>
      finding(name.startsWith('bad') ? 'package/integrity-mismatch' : 'package/update-outside-policy', {
        subject: `${name}@1.0.0`,
        message: `about ${name}`,
      }),
    ),
    errors: names.includes('down') ? [{ subject: 'down', code: 'REGISTRY_UNREACHABLE', message: 'no answer' }] : [],
    failOn: 'high',
  });
}
const doc = (r: Report) => JSON.parse(JSON.stringify(r)) as unknown;

describe('report merge', () => {
  it('equals the report of one unsharded run, with one verdict', () => {
    const whole = shard('drift', ['a', 'bad-b', 'c', 'd']);
    const merged = mergeReports(
      [
        { file: 's1.json', document: doc(shard('drift', ['c', 'a'])) },
        { file: 's2.json', document: doc(shard('drift', ['d', 'bad-b'])) },
      ],
      'high',
    );
    expect(merged).toEqual(whole);
    expect(merged.verdict).toBe('block');
  });

  it('recomputes the verdict at the given threshold and keeps the errors of every shard', () => {
    const merged = mergeReports(
      [
        { file: 's1.json', document: doc(shard('drift', ['a'])) },
        { file: 's2.json', document: doc(shard('drift', ['down'])) },
      ],
      'critical',
    );
    expect(merged.errors?.map((e) => e.code)).toEqual(['REGISTRY_UNREACHABLE']);
    expect(merged.verdict).toBe('block');
    const clean = mergeReports([{ file: 's1.json', document: doc(shard('drift', ['a'])) }], 'critical');
    expect(clean.verdict).toBe('pass');
  });

  it('refuses reports of different commands or versions, a subject twice, and documents that are not reports', () => {
    const a = { file: 'a.json', document: doc(shard('drift', ['a'])) };
    const cases: Array<[unknown, RegExp]> = [
      [{ file: 'b.json', document: doc(shard('check', ['b'])) }, /b\.json is a report of "check", a\.json of "drift"/],
      [{ file: 'b.json', document: doc(shard('drift', ['b'], '9.9.9')) }, /b\.json was written by mcp-vet 9\.9\.9/],
      [{ file: 'b.json', document: doc(shard('drift', ['a'])) }, /a is in both a\.json and b\.json/],
      [{ file: 'b.json', document: { hello: 'world' } }, /b\.json: not an mcp-vet JSON report/],
    ];
    for (const [other, message] of cases) {
      let error: unknown;
      try {
        mergeReports([a, other as typeof a], 'high');
      } catch (err) {
        error = err;
      }
      expect(error).toMatchObject({ code: 'INVALID_FILE', message: expect.stringMatching(message) });
    }
    const unknownCode = doc(shard('drift', ['x'])) as { findings: Array<{ code: string }> };
    unknownCode.findings[0]!.code = 'package/from-the-future';
    expect(() => mergeReports([{ file: 'x.json', document: unknownCode }], 'high')).toThrow(
      /x\.json: unknown finding code package\/from-the-future/,
    );
  });
});
