import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderCatalogueDocs } from '../../../src/core/findings/render-catalogue-docs.js';
import { renderSchemaDocuments } from '../../../src/core/schema-json.js';
import { catalogue } from '../../../src/core/findings/catalogue/index.js';
import { SEVERITIES } from '../../../src/core/findings/severity.js';

const root = join(import.meta.dirname, '..', '..', '..');

describe('generated files are up to date', () => {
  it('docs/findings.md matches the catalogue (run npm run build && npm run docs)', () => {
    expect(readFileSync(join(root, 'docs', 'findings.md'), 'utf8')).toBe(renderCatalogueDocs());
  });
  it('schema/*.schema.json match the zod formats (run npm run build && npm run schema)', () => {
    for (const [file, text] of renderSchemaDocuments()) {
      expect(readFileSync(join(root, 'schema', file), 'utf8'), file).toBe(text);
    }
  });
  it('every catalogue entry is complete and its code is kebab-case with a known prefix', () => {
    for (const [code, entry] of Object.entries(catalogue)) {
      expect(code).toMatch(
        /^(package|provenance|manifest|poison|config|evidence|stage|behaviour)\/[a-z0-9]+(-[a-z0-9]+)*$/,
      );
      expect(SEVERITIES).toContain(entry.severity);
      expect(entry.title.length, code).toBeGreaterThan(5);
      expect(entry.explanation.length, code).toBeGreaterThan(20);
      expect(entry.remedy.length, code).toBeGreaterThan(10);
    }
  });
});
