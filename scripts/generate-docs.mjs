// Writes docs/findings.md from the finding catalogue (run after `npm run build`).
import { mkdirSync, writeFileSync } from 'node:fs';
import { renderCatalogueDocs } from '../dist/core/findings/render-catalogue-docs.js';

mkdirSync(new URL('../docs/', import.meta.url), { recursive: true });
writeFileSync(new URL('../docs/findings.md', import.meta.url), renderCatalogueDocs());
console.log('docs/findings.md');
