import { z } from 'zod';
import { canonicalJson } from './canonical-json.js';
import { schemaDocuments } from './schemas.js';

/** The JSON Schema documents for schema/, as file name -> canonical text. */
export function renderSchemaDocuments(): Map<string, string> {
  const out = new Map<string, string>();
  for (const doc of schemaDocuments) {
    const json = z.toJSONSchema(doc.schema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
    out.set(doc.file, canonicalJson({ ...json, $id: doc.id, title: doc.title }));
  }
  return out;
}
