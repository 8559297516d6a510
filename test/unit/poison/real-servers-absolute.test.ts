import { readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseManifestInput } from '../../../src/core/manifest-diff/input.js';
import { reviewWholeManifest } from '../../../src/core/manifest-diff/review.js';
import { atLeast } from '../../../src/core/findings/severity.js';

// Manifests of real, popular MCP servers captured by `npm run real-servers` (see docs/real-servers.md).
// None of them is poisoned, so a first-pin review must raise nothing at high or above.
const DATA = resolve(import.meta.dirname, '..', '..', 'data', 'real-servers');
const files = readdirSync(DATA)
  .filter((f) => f.endsWith('.json') && f !== 'index.json')
  .sort();

describe('absolute review of real MCP servers', () => {
  it('has at least 30 captured manifests', () => {
    expect(files.length).toBeGreaterThanOrEqual(30);
  });

  it.each(files)('%s has no finding at high or above', (file) => {
    const data: unknown = JSON.parse(readFileSync(join(DATA, file), 'utf8'));
    const view = parseManifestInput(data, file);
    const review = reviewWholeManifest(view, file);
    const offenders = review.findings
      .filter((f) => atLeast(f.severity, 'high'))
      .map((f) => `${f.severity} ${f.code}${f.location?.name ? ` [${f.location.name}]` : ''}: ${f.message}`);
    expect(offenders, `${file}:\n${offenders.join('\n')}`).toEqual([]);
  });
});
