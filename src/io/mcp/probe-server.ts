import { Client, type Transport } from '@modelcontextprotocol/client';
import { listAllPages, type PageLimits, type RequestBudget } from './list-pages.js';

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
  /** `notifications/tools/list_changed` received during the session (each triggered a re-list) */
  toolsListChanged: number;
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
  /** set once the handshake completed (so a later failure is not a negotiation problem) */
  state?: { connected: boolean };
}

const MAX_RELISTS = 3;

/**
 * Connects the official SDK client over `transport`, then lists tools, prompts, resources and
 * resource templates (all pages). A tools/list_changed notification during the session re-lists tools.
 */
export async function probeServer(
  transport: Transport,
  options: ProbeOptions,
): Promise<{ client: Client; listing: ServerListing }> {
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
  await client.connect(transport, { timeout, maxTotalTimeout: timeout, signal: options.budget.signal });
  if (options.state) options.state.connected = true;
  const capabilities = (client.getServerCapabilities() ?? {}) as Record<string, unknown>;
  const list = (kind: 'tools' | 'prompts' | 'resources' | 'resourceTemplates') =>
    listAllPages(client, kind, options.limits, options.budget, options.server);
  let tools = capabilities['tools'] ? await list('tools') : [];
  const prompts = capabilities['prompts'] ? await list('prompts') : [];
  const resources = capabilities['resources'] ? await list('resources') : [];
  const resourceTemplates = capabilities['resources'] ? await list('resourceTemplates') : [];
  let seen = 0;
  for (let i = 0; i < MAX_RELISTS && changed > seen; i++) {
    seen = changed;
    tools = await list('tools');
  }
  const listing: ServerListing = {
    serverInfo: { ...(client.getServerVersion() ?? {}) } as Record<string, unknown>,
    protocolVersion: client.getNegotiatedProtocolVersion() ?? 'unknown',
    era: client.getProtocolEra() === 'modern' ? 'modern' : 'legacy',
    capabilities,
    instructions: client.getInstructions() ?? null,
    tools,
    prompts,
    resources,
    resourceTemplates,
    toolsListChanged: changed,
  };
  return { client, listing };
}
