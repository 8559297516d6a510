import { open } from 'node:fs/promises';
import { VetError } from '../../core/errors.js';
import { toAttestationsDoc, type AttestationsDoc } from '../../core/provenance/attestations-doc.js';

/** Attestation responses are a few tens of kilobytes; anything far larger is refused unread. */
export const MAX_ATTESTATIONS_BYTES = 8 * 1024 * 1024;

/**
 * Reads `--attestations FILE`: the registry's response, a bare Sigstore bundle, or JSON Lines of
 * bundles (as `gh attestation download` writes them). The size is checked before reading, so a
 * huge file costs no memory. Every error names the file.
 */
export async function readAttestationsFile(file: string, maxBytes = MAX_ATTESTATIONS_BYTES): Promise<AttestationsDoc> {
  const fail = (message: string, cause?: unknown) =>
    new VetError('INVALID_FILE', `${file}: ${message}`, { cause, details: { file } });
  let text: string;
  let handle;
  try {
    handle = await open(file, 'r');
  } catch (err) {
    throw new VetError(
      (err as NodeJS.ErrnoException).code === 'ENOENT' ? 'NOT_FOUND' : 'INVALID_FILE',
      `${file}: cannot read (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`,
      { cause: err, details: { file } },
    );
  }
  try {
    const { size } = await handle.stat();
    if (size > maxBytes)
      throw fail(
        `${(size / 1048576).toFixed(1)} MB is larger than the ${maxBytes / 1048576} MB limit for an attestations file`,
      );
    const buf = Buffer.alloc(size);
    let read = 0;
    while (read < size) {
      const { bytesRead } = await handle.read(buf, read, size - read, read);
      if (bytesRead === 0) break;
      read += bytesRead;
    }
    text = buf
      .subarray(0, read)
      .toString('utf8')
      .replace(/^\uFEFF/, '');
  } finally {
    await handle.close();
  }
  if (text.trim() === '') throw fail('empty file');
  const parsed = parseJsonOrLines(text, fail);
  const result = toAttestationsDoc(parsed);
  if ('error' in result) throw fail(result.error);
  if (result.doc.attestations.length === 0) throw fail('holds no attestations');
  return result.doc;
}

function parseJsonOrLines(text: string, fail: (m: string, c?: unknown) => VetError): unknown {
  try {
    return JSON.parse(text);
  } catch (whole) {
    const lines = text.split('\n').map((l) => l.trim());
    const nonEmpty = lines.filter((l) => l !== '');
    if (nonEmpty.length < 2 && !nonEmpty[0]?.startsWith('{'))
      throw fail(`not valid JSON: ${(whole as Error).message}`, whole);
    if (nonEmpty.length < 2) throw fail(`not valid JSON (truncated?): ${(whole as Error).message}`, whole);
    const values: unknown[] = [];
    for (const [i, line] of lines.entries()) {
      if (line === '') continue;
      try {
        values.push(JSON.parse(line));
      } catch (err) {
        throw fail(
          `line ${i + 1}: not valid JSON (neither one JSON document nor JSON Lines): ${(err as Error).message}`,
          err,
        );
      }
    }
    return values;
  }
}
