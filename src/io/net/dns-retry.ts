import type { LookupAddress, LookupOptions } from 'node:dns';

type LookupCallback = (err: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;
export type LookupFunction = (hostname: string, options: LookupOptions, callback: LookupCallback) => void;

/** Name-lookup failures that a moment later often succeed (a resolver restarting, a flaky link). */
export const TRANSIENT_DNS_CODES: readonly string[] = ['ENOTFOUND', 'EAI_AGAIN'];

export interface DnsRetryOptions {
  /** the request's whole deadline: no retry is started that would end after it */
  budgetMs: number;
  /** first pause; doubled for each retry */
  firstDelayMs?: number;
  /** retries at most */
  retries?: number;
  now?: () => number;
  sleep?: (ms: number, then: () => void) => void;
}

/**
 * A `lookup` that retries a transient failure (ENOTFOUND, EAI_AGAIN) with growing pauses (100,
 * 200, 400 ms…), only while the pause ends inside the request's deadline. The deadline is the
 * request's own and keeps running: a retry never extends it, and once it would be passed the last
 * failure is given back as it was.
 */
export function retryingLookup(lookup: LookupFunction, options: DnsRetryOptions): LookupFunction {
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? ((ms, then) => setTimeout(then, ms).unref());
  const retries = options.retries ?? 4;
  const first = options.firstDelayMs ?? 100;
  return (hostname, lookupOptions, callback) => {
    const started = now();
    const attempt = (n: number) =>
      lookup(hostname, lookupOptions, (err, address, family) => {
        const delay = first * 2 ** n;
        const transient = err !== null && TRANSIENT_DNS_CODES.includes(String(err.code));
        if (!transient || n >= retries || now() - started + delay >= options.budgetMs)
          return callback(err, address, family);
        sleep(delay, () => attempt(n + 1));
      });
    attempt(0);
  };
}
