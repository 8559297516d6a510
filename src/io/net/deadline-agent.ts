import type { Agent as HttpAgent, ClientRequest, IncomingMessage } from 'node:http';
import { lookup } from 'node:dns';
import { lazyRequire } from '../lazy-require.js';
import { formatDuration, type NetworkDeadlines } from './deadlines.js';
import { retryingLookup, type LookupFunction } from './dns-retry.js';
import { currentStage } from './stage-requests.js';

type AgentOptions = Record<string, unknown>;
type NpmAgentClass = new (options: AgentOptions) => HttpAgent & {
  addRequest(req: ClientRequest, options: unknown): void;
};
const npmAgent = lazyRequire<{
  Agent: NpmAgentClass;
  getAgent(url: string, options: AgentOptions): { proxy: { url?: URL } };
}>('@npmcli/agent');

/** Error codes of requests this agent ended; registry-errors.ts turns them into TIMEOUT errors. */
export const DEADLINE_CODES = ['EMCPVET_NO_ANSWER', 'EMCPVET_DEADLINE', 'EMCPVET_SLOW', 'EMCPVET_NOT_SENT'] as const;
export type DeadlineCode = (typeof DEADLINE_CODES)[number];

/** What a request ended by a deadline carries (own properties survive npm's error wrapping). */
export interface DeadlineFailure {
  code: DeadlineCode;
  /** `GET http://host:port/path`, without query or credentials */
  request: string;
  reason: string;
}

export function isDeadlineFailure(err: unknown): err is DeadlineFailure {
  const e = err as Partial<DeadlineFailure> | null;
  return (
    !!e &&
    typeof e.request === 'string' &&
    typeof e.reason === 'string' &&
    (DEADLINE_CODES as readonly string[]).includes(String(e.code))
  );
}

/**
 * The `agent` option for pacote, arborist and npm-registry-fetch (minipass-fetch calls it with each
 * URL): npm's own agent (proxies, keep-alive, DNS cache) with deadlines on every request.
 *
 * - A request must end within `requestMs` of being sent, connecting included.
 * - Once answered, its body must keep `minBytesPerSecond` over each `rateWindowMs`.
 * - A registry that has not answered any request of this run and lets one go unanswered until the
 *   deadline is taken as not answering: later requests to it (npm's retries included) fail at once,
 *   so a run against it ends after one deadline, not one per request. Once it has answered, a
 *   request that gets no answer fails alone.
 */
export function createDeadlineAgent(npm: AgentOptions, deadlines: NetworkDeadlines): (url: URL) => HttpAgent {
  const agents = new Map<string, HttpAgent>();
  const origins = new OriginHealth();
  const base: AgentOptions = {
    maxSockets: npm['maxSockets'] ?? 15,
    ...(npm['localAddress'] ? { localAddress: npm['localAddress'] } : {}),
    noProxy: npm['noProxy'],
    // a failed name lookup is tried again, within the request's deadline (which keeps running)
    dns: { ttl: 5 * 60 * 1000, lookup: retryingLookup(lookup as LookupFunction, { budgetMs: deadlines.requestMs }) },
    timeout: 0,
  };
  const proxies = new Map<string, string | undefined>();
  return (url: URL) => {
    const origin = `${url.protocol}//${url.host}`;
    if (!proxies.has(origin)) {
      // npm's own choice of proxy for this URL (options, then the environment, then no_proxy).
      const proxy = npmAgent().getAgent(url.href, { ...base, proxy: npm['httpsProxy'] ?? npm['proxy'] }).proxy.url;
      proxies.set(origin, proxy?.href);
    }
    const proxy = proxies.get(origin);
    const key = `${url.protocol}|${proxy ?? ''}`;
    let agent = agents.get(key);
    if (!agent) {
      agent = new (deadlineAgentClass())({ ...base, ...(proxy ? { proxy } : {}), deadlines, origins });
      agents.set(key, agent);
    }
    return agent;
  };
}

let DeadlineAgent: NpmAgentClass | undefined;

function deadlineAgentClass(): NpmAgentClass {
  return (DeadlineAgent ??= class extends npmAgent().Agent {
    private readonly deadlines: NetworkDeadlines;
    private readonly origins: OriginHealth;

    constructor({ deadlines, origins, ...options }: AgentOptions) {
      super(options);
      this.deadlines = deadlines as NetworkDeadlines;
      this.origins = origins as OriginHealth;
    }

    override addRequest(req: ClientRequest, options: unknown): void {
      if (watchRequest(req, this.deadlines, this.origins)) super.addRequest(req, options);
    }
  });
}

/** Which origins answered in this run, and which did not answer before any did. */
class OriginHealth {
  private readonly answered = new Set<string>();
  private readonly silent = new Map<string, string>();

  answer(origin: string): void {
    this.answered.add(origin);
    this.silent.delete(origin);
  }

  noAnswer(origin: string, request: string): void {
    if (!this.answered.has(origin) && !this.silent.has(origin)) this.silent.set(origin, request);
  }

  /** The unanswered request that made this origin silent, if it is. */
  silentBecause(origin: string): string | undefined {
    return this.silent.get(origin);
  }
}

/** Arms the deadlines of one request; false when it must not be sent at all (it fails at once). */
function watchRequest(req: ClientRequest, deadlines: NetworkDeadlines, origins: OriginHealth): boolean {
  const host = String(req.getHeader('host') ?? req.host);
  const origin = `${req.protocol}//${host}`;
  const path = req.path.split('?')[0]!;
  const request = `${req.method} ${/^https?:\/\//.test(path) ? path : origin + path}`;
  const within = formatDuration(deadlines.requestMs);
  const earlier = origins.silentBecause(origin);
  if (earlier) {
    const reason =
      earlier === request
        ? `no answer within ${within}`
        : `not sent: ${origin} did not answer ${earlier} within ${within} earlier in this run`;
    // As an agent does when it cannot connect: the request gets no socket and fails with the error.
    (req as unknown as { onSocket(socket: null, err: Error): void }).onSocket(
      null,
      failure('EMCPVET_NOT_SENT', request, reason),
    );
    return false;
  }
  let res: IncomingMessage | undefined;
  let rate: NodeJS.Timeout | undefined;
  const done = currentStage()?.start(request);
  const clear = () => {
    clearTimeout(total);
    clearInterval(rate);
    done?.();
  };
  const fail = (err: Error) => {
    clear();
    (res ?? req).destroy(err);
  };
  const total = setTimeout(() => {
    if (res) return fail(failure('EMCPVET_DEADLINE', request, `not complete within ${within}`));
    origins.noAnswer(origin, request);
    fail(failure('EMCPVET_NO_ANSWER', request, `no answer within ${within}`));
  }, deadlines.requestMs);
  total.unref();
  req.once('response', (response: IncomingMessage) => {
    res = response;
    origins.answer(origin);
    response.once('end', clear);
    response.once('close', clear);
    const socket = response.socket;
    if (deadlines.minBytesPerSecond <= 0 || !socket) return;
    const least = (deadlines.minBytesPerSecond * deadlines.rateWindowMs) / 1000;
    let seen = socket.bytesRead;
    rate = setInterval(() => {
      const now = socket.bytesRead;
      if (now - seen < least)
        fail(
          failure(
            'EMCPVET_SLOW',
            request,
            `${now - seen} bytes in ${formatDuration(deadlines.rateWindowMs)}, under the minimum rate of ${deadlines.minBytesPerSecond} bytes/s`,
          ),
        );
      seen = now;
    }, deadlines.rateWindowMs);
    rate.unref();
  });
  req.once('close', () => {
    if (!res) clear();
  });
  return true;
}

function failure(code: DeadlineCode, request: string, reason: string): Error {
  const details: DeadlineFailure = { code, request, reason };
  return Object.assign(new Error(`${request}: ${reason}`), details);
}
