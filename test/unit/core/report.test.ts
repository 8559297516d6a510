import { describe, expect, it } from 'vitest';
import { finding } from '../../../src/core/findings/finding.js';
import { buildReport, exitCodeForReport } from '../../../src/core/report/report.js';
import { renderText } from '../../../src/core/report/render-text.js';
import { renderJson } from '../../../src/core/report/render-json.js';

const medium = finding('package/closure-version-changed', { subject: 'srv@1.0.0', message: 'dep moved' });
const critical = finding('package/integrity-mismatch', { subject: 'srv@1.0.0', message: 'other bytes' });
const other = finding('package/closure-package-removed', { subject: 'another@2.0.0', message: 'gone' });

describe('report', () => {
  it('takes default severities from the catalogue', () => {
    expect(critical.severity).toBe('critical');
    expect(medium.severity).toBe('medium');
    expect(finding('package/integrity-mismatch', { subject: 's', message: 'm', severity: 'low' }).severity).toBe('low');
  });

  it('sorts findings by subject, then severity, and computes verdicts and summary', () => {
    const report = buildReport({
      command: 'verify',
      toolVersion: '0.0.0',
      subjects: [
        { name: 'srv', from: '1.0.0', to: '1.0.0' },
        { name: 'another', to: '2.0.0' },
      ],
      findings: [medium, other, critical],
      failOn: 'high',
    });
    expect(report.findings.map((f) => f.code)).toEqual([
      'package/closure-package-removed',
      'package/integrity-mismatch',
      'package/closure-version-changed',
    ]);
    expect(report.subjects.map((s) => [s.name, s.verdict])).toEqual([
      ['another', 'review'],
      ['srv', 'block'],
    ]);
    expect(report.verdict).toBe('block');
    expect(report.summary).toEqual({ critical: 1, high: 0, medium: 1, low: 1, info: 0 });
    expect(exitCodeForReport(report, 'high')).toBe(1);
    expect(exitCodeForReport(report, 'critical')).toBe(1);
  });

  it('passes below the threshold and exits 3 when a part could not complete', () => {
    const ok = buildReport({
      command: 'verify',
      toolVersion: '0',
      subjects: [{ name: 'srv' }],
      findings: [medium],
      failOn: 'high',
    });
    expect(ok.verdict).toBe('review');
    expect(exitCodeForReport(ok, 'high')).toBe(0);
    expect(exitCodeForReport(ok, 'medium')).toBe(1);
    const errored = buildReport({
      command: 'drift',
      toolVersion: '0',
      subjects: [{ name: 'srv' }],
      findings: [],
      errors: [{ subject: 'srv', code: 'REGISTRY_UNREACHABLE', message: 'down' }],
      failOn: 'high',
    });
    expect(errored.verdict).toBe('block');
    expect(errored.subjects[0]?.verdict).toBe('block');
    expect(exitCodeForReport(errored, 'high')).toBe(3);
  });

  it('renders deterministic JSON and escapes what servers sent in text', () => {
    const hostile = finding('package/closure-package-added', {
      subject: 'srv@1.0.0',
      message: 'evil\u001b[2J\u202ename',
      evidence: { after: 'x\u0007y' },
    });
    const report = buildReport({
      command: 'verify',
      toolVersion: '0',
      subjects: [{ name: 'srv' }],
      findings: [hostile],
      failOn: 'high',
    });
    expect(renderJson(report)).toBe(renderJson(JSON.parse(renderJson(report))));
    const text = renderText(report, { color: false });
    expect(text).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f\u202e]/);
    expect(text).toContain('evil\\u{001B}[2J\\u{202E}name');
    expect(text).toContain('x\\u{0007}y');
  });
});
