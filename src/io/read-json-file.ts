import { open } from 'node:fs/promises';
import { VetError } from '../core/errors.js';

/** Manifests are small; anything larger than this is refused before it is read. */
export const MAX_JSON_FILE_BYTES = 64 * 1024 * 1024;

/**
 * Reads and parses a JSON file with a size limit. Errors name the file: missing (NOT_FOUND), too
 * large, not UTF-8 text or not JSON (INVALID_FILE).
 */
export async function readJsonFile(file: string, maxBytes = MAX_JSON_FILE_BYTES): Promise<unknown> {
  let handle;
  try {
    handle = await open(file, 'r');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new VetError('NOT_FOUND', `${file}: no such file`, { cause: err, details: { file } });
    if (code === 'EISDIR')
      throw new VetError('INVALID_FILE', `${file}: is a directory, not a JSON file`, { cause: err, details: { file } });
    throw new VetError('INVALID_FILE', `${file}: cannot read (${code ?? (err as Error).message})`, {
      cause: err,
      details: { file },
    });
  }
  let text: string;
  try {
    const stat = await handle.stat();
    if (stat.isDirectory())
      throw new VetError('INVALID_FILE', `${file}: is a directory, not a JSON file`, { details: { file } });
    if (stat.size > maxBytes)
      throw new VetError(
        'INVALID_FILE',
        `${file}: ${stat.size} bytes, larger than the ${maxBytes}-byte limit for a manifest`,
        { details: { file } },
      );
    const bytes = await handle.readFile();
    if (bytes.length > maxBytes)
      throw new VetError('INVALID_FILE', `${file}: larger than the ${maxBytes}-byte limit for a manifest`, {
        details: { file },
      });
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    } catch (err) {
      throw new VetError('INVALID_FILE', `${file}: not UTF-8 text`, { cause: err, details: { file } });
    }
  } catch (err) {
    if (err instanceof VetError) throw err;
    const code = (err as NodeJS.ErrnoException).code;
    throw new VetError('INVALID_FILE', `${file}: cannot read (${code ?? (err as Error).message})`, {
      cause: err,
      details: { file },
    });
  } finally {
    await handle.close();
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  try {
    return JSON.parse(text) as unknown;
  } catch (err) {
    throw new VetError('INVALID_FILE', `${file}: not valid JSON: ${(err as Error).message}`, {
      cause: err,
      details: { file },
    });
  }
}
