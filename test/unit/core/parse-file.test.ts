import { describe, expect, it } from 'vitest';
import { VetError } from '../../../src/core/errors.js';
import { AllowlistEntry } from '../../../src/core/workspace/allowlist-entry.js';
import { parseJsonFile } from '../../../src/core/workspace/parse-file.js';
import { validEntry } from '../../helpers/entries.js';

const valid = validEntry();

function codeAndMessage(fn: () => unknown): [string, string] {
  try {
    fn();
  } catch (err) {
    if (err instanceof VetError) return [err.code, err.message];
  }
  return ['', ''];
}

describe('allowlist entry validation', () => {
  it('accepts a valid entry and fills defaults', () => {
    const entry = parseJsonFile(AllowlistEntry, JSON.stringify(valid), 'allowlist/srv.json');
    expect(entry.launch).toEqual({ args: [], env: [] });
    expect(entry.policy).toEqual({});
  });
  it('names the file and the field', () => {
    const [code, message] = codeAndMessage(() =>
      parseJsonFile(
        AllowlistEntry,
        JSON.stringify({ ...valid, provenance: { status: 'trusted' } }),
        'allowlist/srv.json',
      ),
    );
    expect(code).toBe('INVALID_FILE');
    expect(message).toContain('allowlist/srv.json: field /provenance/status');
  });
  it('rejects unknown fields (typos in a reviewed file) and invalid JSON', () => {
    expect(
      codeAndMessage(() => parseJsonFile(AllowlistEntry, JSON.stringify({ ...valid, polcy: {} }), 'a.json'))[1],
    ).toContain('field /polcy');
    expect(codeAndMessage(() => parseJsonFile(AllowlistEntry, '{"name":', 'a.json'))).toEqual([
      'INVALID_FILE',
      expect.stringContaining('a.json: not valid JSON'),
    ]);
  });
  it('refuses environment values where only names belong', () => {
    const [, message] = codeAndMessage(() =>
      parseJsonFile(AllowlistEntry, JSON.stringify({ ...valid, launch: { args: [], env: ['TOKEN=abc'] } }), 'a.json'),
    );
    expect(message).toContain('field /launch/env/0');
  });
});
