import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/**
 * A validator for the official SARIF 2.1.0 JSON schema (sarif-2.1.0-rtm.5, draft-04), shipped by
 * @microsoft/jest-sarif, compiled with the ajv 6 that package uses (ajv 8 has no draft-04).
 */
export function sarifValidator(): (doc: unknown) => { valid: boolean; errors: string } {
  const base = require.resolve('@microsoft/jest-sarif/package.json');
  const ajvPath = require.resolve('ajv', { paths: [base] });
  const Ajv = require(ajvPath) as new (o: object) => {
    addMetaSchema(s: object): void;
    compile(s: object): ((d: unknown) => boolean) & { errors?: unknown };
  };
  const draft4 = require(require.resolve('ajv/lib/refs/json-schema-draft-04.json', { paths: [base] })) as object;
  const schema = JSON.parse(
    readFileSync(require.resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json'), 'utf8'),
  ) as Record<string, unknown>;
  const ajv = new Ajv({ allErrors: true, schemaId: 'auto', jsonPointers: true, unknownFormats: 'ignore' });
  ajv.addMetaSchema(draft4);
  const validate = ajv.compile(schema);
  return (doc) => {
    const valid = validate(doc);
    return { valid, errors: valid ? '' : JSON.stringify(validate.errors, null, 2) };
  };
}
