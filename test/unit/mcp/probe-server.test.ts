import type { JSONRPCMessage, Transport } from '@modelcontextprotocol/client';
import { describe, expect, it } from 'vitest';
import { probeServer, type ProbeState } from '../../../src/io/mcp/probe-server.js';

type Answer = { result: Record<string, unknown> } | { error: { code: number; message: string } } | 'close';

/** An in-process server: answers `initialize` with `capabilities`, each list method as told. */
class FakeTransport implements Transport {
  onclose?: () => void;
  onerror?: (error: Error) => void;
  onmessage?: (message: JSONRPCMessage) => void;
  readonly asked: string[] = [];
  constructor(
    private readonly capabilities: Record<string, unknown>,
    private readonly answers: Record<string, Answer>,
  ) {}
  async start(): Promise<void> {}
  async close(): Promise<void> {
    this.onclose?.();
  }
  async send(message: JSONRPCMessage): Promise<void> {
    const msg = message as { id?: number; method?: string; params?: { protocolVersion?: string } };
    if (msg.id === undefined || !msg.method) return;
    this.asked.push(msg.method);
    const reply = (body: Record<string, unknown>) =>
      queueMicrotask(() => this.onmessage?.({ jsonrpc: '2.0', id: msg.id, ...body } as JSONRPCMessage));
    if (msg.method === 'initialize')
      return reply({
        result: {
          protocolVersion: msg.params?.protocolVersion ?? '2025-06-18',
          capabilities: this.capabilities,
          serverInfo: { name: 'fake', version: '1.0.0' },
        },
      });
    const answer = this.answers[msg.method] ?? { error: { code: -32601, message: 'Method not found' } };
    if (answer === 'close') return queueMicrotask(() => this.onclose?.());
    reply(answer);
  }
}

const tools = { result: { tools: [{ name: 'echo', inputSchema: { type: 'object' } }] } };
const probe = (transport: Transport, state?: ProbeState) =>
  probeServer(transport, {
    clientInfo: { name: 'mcp-vet', version: '0' },
    negotiation: 'legacy',
    startupMs: 5_000,
    limits: { maxPages: 10, maxItems: 100 },
    budget: { signal: new AbortController().signal, remaining: () => 5_000 },
    server: 'fake',
    ...(state ? { state } : {}),
  });

describe('protocol tolerance: each list on its own', () => {
  it('-32601 on resources/templates/list is "unsupported", not an error; the other lists are kept', async () => {
    const t = new FakeTransport(
      { tools: {}, resources: {} },
      { 'tools/list': tools, 'resources/list': { result: { resources: [{ uri: 'x://a', name: 'a' }] } } },
    );
    const { listing, client } = await probe(t);
    await client.close();
    expect(listing.lists).toEqual({
      tools: 'listed',
      prompts: 'unsupported',
      resources: 'listed',
      resourceTemplates: 'unsupported',
    });
    expect(listing.failures).toEqual([]);
    expect(listing.tools.map((x) => x.name)).toEqual(['echo']);
    expect(listing.resources).toHaveLength(1);
  });

  it('a capability that is not declared is not asked for, and is "unsupported"', async () => {
    const t = new FakeTransport({ tools: {} }, { 'tools/list': tools });
    const { listing, client } = await probe(t);
    await client.close();
    expect(t.asked).not.toContain('prompts/list');
    expect(t.asked).not.toContain('resources/list');
    expect(listing.lists.prompts).toBe('unsupported');
  });

  it('a list answered with another error is "failed" with its request and code; tools are kept', async () => {
    const t = new FakeTransport(
      { tools: {}, resources: {}, prompts: {} },
      {
        'tools/list': tools,
        'prompts/list': { result: { prompts: [] } },
        'resources/list': { error: { code: -32603, message: 'database unreachable' } },
        'resources/templates/list': { result: { resourceTemplates: [] } },
      },
    );
    const { listing, client } = await probe(t);
    await client.close();
    expect(listing.lists).toEqual({
      tools: 'listed',
      prompts: 'listed',
      resources: 'failed',
      resourceTemplates: 'listed',
    });
    expect(listing.failures).toEqual([
      expect.objectContaining({ kind: 'resources', method: 'resources/list', errorCode: -32603 }),
    ]);
    expect(listing.tools).toHaveLength(1);
  });

  it('an invalid list result is "failed" (no error code), not fatal', async () => {
    const t = new FakeTransport(
      { tools: {}, prompts: {} },
      { 'tools/list': tools, 'prompts/list': { result: { prompts: [{ description: 'no name' }] } } },
    );
    const { listing, client } = await probe(t);
    await client.close();
    expect(listing.lists.prompts).toBe('failed');
    expect(listing.failures[0]).toMatchObject({ method: 'prompts/list' });
    expect(listing.failures[0]?.errorCode).toBeUndefined();
  });

  it('a session that is gone is an error, and the state names the request in flight', async () => {
    const t = new FakeTransport({ tools: {}, prompts: {} }, { 'tools/list': tools, 'prompts/list': 'close' });
    const state: ProbeState = { connected: false };
    const run = probe(t, state);
    await expect(run).rejects.toThrow();
    expect(state).toMatchObject({ connected: true, step: 'listing (prompts/list)' });
  });
});
