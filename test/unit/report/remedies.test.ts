import { describe, expect, it } from 'vitest';
import { catalogueEntry } from '../../../src/core/findings/catalogue/index.js';
import { finding, type Finding } from '../../../src/core/findings/finding.js';
import { atLeast } from '../../../src/core/findings/severity.js';
import { renderMarkdown } from '../../../src/core/report/render-markdown.js';
import { renderText } from '../../../src/core/report/render-text.js';
import { buildReport } from '../../../src/core/report/report.js';

const server = (id: string, code: Parameters<typeof finding>[0], message: string) =>
  finding(code, { subject: `.mcp.json#${id}`, message, location: { kind: 'config', name: id, file: '.mcp.json' } });

/** A check report as the gate writes it: blocking findings of several kinds, one of them twice, and a medium. */
function checkReport(): ReturnType<typeof buildReport> {
  const findings: Finding[] = [
    server('notes', 'config/unpinned', 'npx starts notes with no version'),
    server('notes', 'config/literal-secret', 'env API_TOKEN holds a literal secret (redacted)'),
    server('shadow', 'config/shadow-server', 'shadow is not on the allowlist'),
    server('shadow', 'config/unpinned', 'npx starts shadow with no version'),
    server('web', 'config/unmanaged-server', 'web is started by a command mcp-vet does not manage'),
  ];
  return buildReport({
    command: 'check',
    toolVersion: '0.0.0',
    failOn: 'high',
    subjects: ['notes', 'shadow', 'web'].map((id) => ({ name: `.mcp.json#${id}` })),
    findings,
  });
}

/** The text with its wrapping undone, so a remedy broken over lines reads as one. */
const unwrapped = (text: string) => text.replace(/\n {2,}/g, ' ');

describe('check: the text report shows the remedies the markdown report shows', () => {
  const report = checkReport();
  const blocking = [...new Set(report.findings.filter((f) => atLeast(f.severity, 'high')).map((f) => f.code))];

  it('the report has blocking findings of several kinds', () => {
    expect(blocking.length).toBeGreaterThanOrEqual(3);
  });

  it.each([false, true])(
    'every remedy of a finding at or above high, in markdown and in text (verbose %s)',
    (verbose) => {
      const markdown = renderMarkdown(report);
      const text = unwrapped(renderText(report, { color: false, verbose }));
      for (const code of blocking) {
        const remedy = catalogueEntry(code).remedy;
        expect(markdown, code).toContain(remedy.slice(0, 20).replace(/([`*_[\]{}()#+!|~])/g, '\\$1'));
        expect(text, code).toContain(`remedy: ${remedy}`);
      }
    },
  );

  it('a medium finding gets no remedy line, as in markdown', () => {
    const text = unwrapped(renderText(report, { color: false }));
    expect(text).not.toContain(`remedy: ${catalogueEntry('config/unmanaged-server').remedy}`);
  });
});
