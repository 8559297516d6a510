import { describe, expect, it } from 'vitest';
import { retryingLookup, type LookupFunction } from '../../../src/io/net/dns-retry.js';

/** A fake clock and a lookup that fails with `codes` in turn, then answers. */
function fake(codes: Array<string | null>) {
  let clock = 0;
  const calls: number[] = [];
  const lookup: LookupFunction = (_host, _options, callback) => {
    calls.push(clock);
    const code = codes.shift() ?? null;
    if (code) callback(Object.assign(new Error(`getaddrinfo ${code} registry.test`), { code }), '');
    else callback(null, '127.0.0.1', 4);
  };
  const sleep = (ms: number, then: () => void) => {
    clock += ms;
    then();
  };
  return { lookup, calls, sleep, now: () => clock };
}

function run(f: ReturnType<typeof fake>, budgetMs: number) {
  const wrapped = retryingLookup(f.lookup, { budgetMs, now: f.now, sleep: f.sleep });
  let result: { code?: string; address?: unknown } = {};
  wrapped('registry.test', {}, (err, address) => {
    result = err ? { code: String(err.code) } : { address };
  });
  return result;
}

describe('retryingLookup', () => {
  it('retries ENOTFOUND and EAI_AGAIN with growing pauses and answers', () => {
    const f = fake(['EAI_AGAIN', 'ENOTFOUND', null]);
    expect(run(f, 30_000)).toEqual({ address: '127.0.0.1' });
    expect(f.calls).toEqual([0, 100, 300]);
  });

  it('never retries past the deadline: the last failure is given back, within the budget', () => {
    const f = fake(['ENOTFOUND', 'ENOTFOUND', 'ENOTFOUND', 'ENOTFOUND', 'ENOTFOUND']);
    expect(run(f, 350)).toEqual({ code: 'ENOTFOUND' });
    // 0, 100, 300; the next pause (400 ms) would end at 700 ms, after the 350 ms deadline
    expect(f.calls).toEqual([0, 100, 300]);
    expect(f.now()).toBeLessThan(350);
  });

  it('does not retry other failures', () => {
    const f = fake(['ECONNREFUSED']);
    expect(run(f, 30_000)).toEqual({ code: 'ECONNREFUSED' });
    expect(f.calls).toEqual([0]);
  });

  it('stops after the retries allowed', () => {
    const f = fake(Array(10).fill('EAI_AGAIN'));
    expect(run(f, 3_600_000)).toEqual({ code: 'EAI_AGAIN' });
    expect(f.calls).toHaveLength(5);
  });
});
