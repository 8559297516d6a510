import { Client, type Transport } from '@modelcontextprotocol/client';
import type { ListKind, ListStatus } from '../../core/manifest/format.js';
import { classifyListError, protocolErrorCode } from './list-outcome.js';
import { LIST_METHOD, listAllPages, type PageLimits, type RequestBudget } from './list-pages.js';

/** A list the server was asked for and could not give (not "unsupported"): the other lists are kept. */
export interface ListFailure {
  kind: ListKind;
  method: string;
  /** the JSON-RPC error code of the server's answer, when it answered with an error */
  errorCode?: number;
  message: string;
}

/** What one listing session saw, before canonicalisation. */
export interface ServerListing {
  serverInfo: Record<string, unknown>;
  protocolVersion: string;
  era: 'modern' | 'legacy';
  capabilities: Record<string, unknown>;
  instructions: string | null;
  tools: Array<Record<string, unknown>>;
  prompts: Array<Record<string, unknown>>;
  resources: Array<Record<string, unknown>>;
  resourceTemplates: Array<Record<string, unknown>>;
  /** how each list request went */
  lists: Record<ListKind, ListStatus>;
  failures: ListFailure[];
  /** `notifications/tools/list_changed` received during the session (each triggered a re-list) */
  toolsListChanged: number;
}

/** Where a session is: the stage and the request in flight, for error messages. */
export interface ProbeState {
  connected: boolean;
  /** e.g. "handshake (initialize)", "listing (tools/list)" */
  step?: string;
  /** the JSON-RPC request in flight, e.g. "initialize", "tools/list" */
  request?: string;
}

export interface ProbeOptions {
  clientInfo: { name: string; version: string };
  /** auto: try 2026-07-28 `server/discover`, fall back to `initialize`; legacy: `initialize` only */
  negotiation: 'auto' | 'legacy';
  startupMs: number;
  limits: PageLimits;
  budget: RequestBudget;
  /** shown in errors */
  server: string;
  /** updated as the session goes (connected once the handshake completed) */
  state?: ProbeState;
}

const MAX_RELISTS = 3;
const KINDS: readonly ListKind[] = ['tools', 'prompts', 'resources', 'resourceTemplates'];
/** the capability that declares each list */
const CAPABILITY: Record<ListKind, string> = {
  tools: 'tools',
  prompts: 'prompts',
  resources: 'resources',
  resourceTemplates: 'resources',
};

/**
 * Connects the official SDK client over `transport`, then asks for each list on its own (all pages):
 * a list whose capability is not declared, or answered with -32601, is `unsupported`; one that fails
 * otherwise is `failed` (recorded with its error) and the other lists are kept. Only a session that
 * is gone (closed, timed out) is an error. A tools/list_changed notification re-lists tools.
 */
export async function probeServer(
  transport: Transport,
  options: ProbeOptions,
): Promise<{ client: Client; listing: ServerListing }> {
  const state = options.state ?? { connected: false };
  const client = new Client(options.clientInfo, {
    capabilities: {},
    versionNegotiation:
      options.negotiation === 'auto'
        ? { mode: 'auto', probe: { timeoutMs: Math.min(10_000, options.startupMs) } }
        : { mode: 'legacy' },
    listMaxPages: options.limits.maxPages,
  });
  let changed = 0;
  client.setNotificationHandler('notifications/tools/list_changed', () => {
    changed += 1;
  });
  const timeout = Math.max(1, Math.min(options.startupMs, options.budget.remaining()));
  state.step =
    options.negotiation === 'auto' ? 'handshake (server/discover, then initialize)' : 'handshake (initialize)';
  state.request = options.negotiation === 'auto' ? 'server/discover, then initialize' : 'initialize';
  await client.connect(transport, { timeout, maxTotalTimeout: timeout, signal: options.budget.signal });
  state.connected = true;
  const capabilities = (client.getServerCapabilities() ?? {}) as Record<string, unknown>;
  const items: Record<ListKind, Array<Record<string, unknown>>> = {
    tools: [],
    prompts: [],
    resources: [],
    resourceTemplates: [],
  };
  const lists = {} as Record<ListKind, ListStatus>;
  const failures: ListFailure[] = [];
  const list = async (kind: ListKind) => {
    const method = LIST_METHOD[kind];
    state.step = `listing (${method})`;
    state.request = method;
    try {
      items[kind] = await listAllPages(client, kind, options.limits, options.budget, options.server);
      lists[kind] = 'listed';
    } catch (err) {
      const verdict = classifyListError(err);
      if (verdict === 'fatal') throw err;
      items[kind] = [];
      lists[kind] = verdict;
      if (verdict === 'failed') {
        const errorCode = protocolErrorCode(err);
        const message = err instanceof Error ? err.message : String(err);
        failures.push({ kind, method, message, ...(errorCode === undefined ? {} : { errorCode }) });
      }
    }
  };
  for (const kind of KINDS) {
    if (capabilities[CAPABILITY[kind]]) await list(kind);
    else lists[kind] = 'unsupported';
  }
  let seen = 0;
  for (let i = 0; i < MAX_RELISTS && changed > seen && lists.tools !== 'unsupported'; i++) {
    seen = changed;
    failures.splice(0, failures.length, ...failures.filter((f) => f.kind !== 'tools'));
    await list('tools');
  }
  state.step = 'closing';
  delete state.request;
  const listing: ServerListing = {
    serverInfo: { ...(client.getServerVersion() ?? {}) } as Record<string, unknown>,
    protocolVersion: client.getNegotiatedProtocolVersion() ?? 'unknown',
    era: client.getProtocolEra() === 'modern' ? 'modern' : 'legacy',
    capabilities,
    instructions: client.getInstructions() ?? null,
    ...items,
    lists,
    failures,
    toolsListChanged: changed,
  };
  return { client, listing };
}
