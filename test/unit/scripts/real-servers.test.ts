import { describe, expect, it } from 'vitest';
// @ts-expect-error plain JS script (scripts/real-servers.mjs), imported for its pure helpers
import { compareRuns, summary } from '../../../scripts/real-servers.mjs';

interface Attempt {
  mode: 'strict' | 'relaxed';
  digest: string | null;
  unstable: string[];
}
const attempt = (mode: Attempt['mode'], digest: string | null, unstable: string[] = []): Attempt => ({
  mode,
  digest,
  unstable,
});
const compare = compareRuns as (a: Attempt[]) => {
  starts: number;
  runs: number;
  result: boolean;
  differences?: string[];
} | null;

describe('real-servers: identical manifests are computed, not assumed', () => {
  it('holds when both runs agree and neither saw its own starts differ', () => {
    expect(compare([attempt('strict', 'sha256:a'), attempt('relaxed', 'sha256:a')])).toEqual({
      starts: 6,
      runs: 2,
      result: true,
    });
  });

  it('fails when the strict and the relaxed run give different digests', () => {
    const r = compare([attempt('strict', 'sha256:a'), attempt('relaxed', 'sha256:b')]);
    expect(r?.result).toBe(false);
    expect(r?.differences?.[0]).toContain('sha256:a vs sha256:b');
  });

  it("fails when a snapshot's own starts differ, and without a digest", () => {
    expect(compare([attempt('strict', 'sha256:a', ['tool x differs'])])?.differences).toEqual([
      'strict: tool x differs',
    ]);
    expect(compare([attempt('relaxed', null)])?.result).toBe(false);
  });

  it('is null when nothing snapshotted', () => {
    expect(compare([])).toBeNull();
  });
});

describe('real-servers: the counts by cause', () => {
  const ok = { result: 'snapshotted', sandbox: 'strict', relaxed: { result: 'snapshotted' } };
  const failed = { result: 'failed', sandbox: 'relaxed', relaxed: { result: 'failed' } };
  it('counts the servers needing nothing and the strict ones among them', () => {
    const s = (summary as (rows: unknown[]) => Record<string, number>)([
      { ...ok, identical: { result: true } },
      { ...ok, identical: { result: false } },
      { ...failed, cause: 'credential' },
      { ...failed, cause: 'network' },
      { ...failed, cause: 'package' },
      { ...failed },
    ]);
    expect(s).toMatchObject({
      servers: 6,
      strict: 2,
      relaxed: 2,
      credential: 1,
      network: 1,
      package: 1,
      unexplained: 1,
      needsNothing: 3,
      needsNothingStrict: 2,
      packageBugs: 1,
      identical: 1,
      snapshotted: 2,
    });
  });
});
