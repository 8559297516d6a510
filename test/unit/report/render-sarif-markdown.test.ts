import { describe, expect, it } from 'vitest';
import { finding } from '../../../src/core/findings/finding.js';
import { buildReport } from '../../../src/core/report/report.js';
import { renderSarif } from '../../../src/core/report/render-sarif.js';
import { renderMarkdown } from '../../../src/core/report/render-markdown.js';

const report = buildReport({
  command: 'diff',
  toolVersion: '0.0.0',
  subjects: [{ name: 'srv', from: '1.0.0', to: '2.0.0' }],
  failOn: 'high',
  findings: [
    finding('manifest/tool-added', {
      subject: 'srv@2.0.0',
      message: 'tool x added',
      location: { kind: 'tool', name: 'x' },
    }),
    finding('poison/secrecy-directive', {
      subject: 'srv@2.0.0',
      message: 'hide | *it*',
      location: { kind: 'tool', name: 'x', pointer: '/description' },
      evidence: { matched: ['<b>do not tell</b>'] },
    }),
  ],
});

describe('SARIF renderer', () => {
  it('emits SARIF 2.1.0 with catalogue rules, mapped levels and stable fingerprints', () => {
    const sarif = JSON.parse(renderSarif(report));
    expect(sarif.version).toBe('2.1.0');
    const run = sarif.runs[0];
    expect(run.tool.driver.rules.map((r: { id: string }) => r.id)).toEqual([
      'mcp-vet/manifest/tool-added',
      'mcp-vet/poison/secrecy-directive',
    ]);
    expect(run.results.map((r: { ruleId: string; level: string }) => [r.ruleId, r.level])).toEqual([
      ['mcp-vet/poison/secrecy-directive', 'error'],
      ['mcp-vet/manifest/tool-added', 'warning'],
    ]);
    for (const r of run.results) expect(run.tool.driver.rules[r.ruleIndex].id).toBe(r.ruleId);
    expect(renderSarif(report)).toBe(renderSarif(report));
    const fp = run.results[0].partialFingerprints['mcpVetFinding/v1'];
    expect(fp).toMatch(/^[0-9a-f]{32}$/);
  });
});

describe('Markdown renderer', () => {
  it('has a summary table and details sections, with server text escaped', () => {
    const md = renderMarkdown(report);
    expect(md).toContain('| subject | change | verdict |');
    expect(md).toContain('<details open>');
    expect(md).not.toContain('<b>do not tell</b>');
    expect(md).toContain('&lt;b&gt;');
    expect(md).toContain('hide \\| \\*it\\*');
  });
});
