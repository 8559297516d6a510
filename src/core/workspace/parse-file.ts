import type { z } from 'zod';
import { VetError } from '../errors.js';

/**
 * Parses and validates the text of a file. Errors name the file and the first offending field
 * (as a JSON pointer) and carry the exit code for invalid input.
 */
export function parseJsonFile<T extends z.ZodType>(schema: T, text: string, file: string): z.infer<T> {
  let data: unknown;
  try {
    data = JSON.parse(stripBom(text));
  } catch (err) {
    throw new VetError('INVALID_FILE', `${file}: not valid JSON: ${(err as Error).message}`, {
      cause: err,
      details: { file },
    });
  }
  return validate(schema, data, file);
}

export function validate<T extends z.ZodType>(schema: T, data: unknown, file: string): z.infer<T> {
  const result = schema.safeParse(data);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const path = issue ? issue.path.map(String) : [];
  const keys = issue && issue.code === 'unrecognized_keys' ? (issue as { keys: string[] }).keys : [];
  const field = '/' + [...path, ...keys.slice(0, 1)].join('/');
  const message = issue ? issue.message : 'invalid content';
  throw new VetError('INVALID_FILE', `${file}: field ${field}: ${message}`, { details: { file, field } });
}

function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}
