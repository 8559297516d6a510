// Writes schema/*.schema.json from the zod formats in src/core (run after `npm run build`).
import { writeFileSync, mkdirSync } from 'node:fs';
import { renderSchemaDocuments } from '../dist/core/schema-json.js';

mkdirSync(new URL('../schema/', import.meta.url), { recursive: true });
for (const [file, text] of renderSchemaDocuments()) {
  writeFileSync(new URL(`../schema/${file}`, import.meta.url), text);
  console.log(`schema/${file}`);
}
