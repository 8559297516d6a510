import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { goldenText, normalise } from '../../helpers/golden.js';

describe('the golden normaliser replaces only what cannot be deterministic', () => {
  it('ports, dates, release ages, ms durations, temp folders and OS sandbox layers', () => {
    const ws = join(tmpdir(), 'mcp-vet-golden-abc123');
    const raw = [
      `registry http://127.0.0.1:40109/ answered 404 (${ws}/allowlist/x.json, ${tmpdir()}/mcp-vet-q/y)`,
      'published 2026-12-02T18:59:41.123Z, 0.3 days ago, in 1234 ms',
      'sandbox: bubblewrap, pid-namespace; lifted: node-permission',
      '  sandbox active: bubblewrap',
    ].join('\n');
    expect(normalise(raw, { paths: { '<workspace>': ws } })).toBe(
      [
        'registry http://127.0.0.1:<port>/ answered 404 (<workspace>/allowlist/x.json, <tmp>/mcp-vet-q/y)',
        'published <date>, <n> days ago, in <n> ms',
        'sandbox: <os layers>; lifted: node-permission',
        '  sandbox active: <os layers>',
      ].join('\n'),
    );
  });

  it('keeps versions, counts, configured deadlines and digests as they are', () => {
    const kept = 'gd-server 1.0.0 -> 1.1.0: no answer within 30 s; 3 starts; sha256:386a8aaf; exit 3';
    expect(normalise(kept)).toBe(kept);
  });

  it('stores the command, the exit code and both streams, marking a missing final newline', () => {
    expect(goldenText(['check', '--note', 'two words'], { code: 1, stdout: 'a\n', stderr: 'b' })).toBe(
      "$ mcp-vet check --note 'two words'\nexit code: 1\n--- stdout\na\n--- stderr\nb\n\\ no newline at end\n",
    );
  });
});
