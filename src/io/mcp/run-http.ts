import {
  SSEClientTransport,
  StreamableHTTPClientTransport,
  type Client,
  type Transport,
} from '@modelcontextprotocol/client';
import { VetError } from '../../core/errors.js';
import type { SnapshotLimits } from '../sandbox/limits.js';
import { probeServer, type ServerListing } from './probe-server.js';

export interface HttpRunOptions {
  url: URL;
  /** header name -> value, read from the environment by the caller; never stored */
  headers: Record<string, string>;
  limits: SnapshotLimits;
  clientInfo: { name: string; version: string };
  label: string;
}

export interface HttpRunResult {
  listing: ServerListing;
  transport: 'streamable-http' | 'sse';
}

/** Lists a remote server over Streamable HTTP, falling back to the legacy HTTP+SSE transport. */
export async function runHttpListing(options: HttpRunOptions): Promise<HttpRunResult> {
  const fetchWithHeaders = (input: string | URL, init?: RequestInit) => {
    const headers = new Headers(init?.headers);
    for (const [name, value] of Object.entries(options.headers)) headers.set(name, value);
    return fetch(input, { ...init, headers, redirect: 'error' });
  };
  let firstError: unknown;
  try {
    const listing = await listOver(
      new StreamableHTTPClientTransport(options.url, { fetch: fetchWithHeaders }),
      'auto',
      options,
    );
    return { listing, transport: 'streamable-http' };
  } catch (err) {
    if (err instanceof VetError && err.code === 'TIMEOUT') throw err;
    firstError = err;
  }
  try {
    const listing = await listOver(new SSEClientTransport(options.url, { fetch: fetchWithHeaders }), 'legacy', options);
    return { listing, transport: 'sse' };
  } catch (err) {
    const a = (firstError as Error)?.message ?? String(firstError);
    const b = (err as Error)?.message ?? String(err);
    throw new VetError(
      err instanceof VetError && err.code === 'TIMEOUT' ? 'TIMEOUT' : 'SERVER_FAILED',
      `${options.label}: Streamable HTTP failed (${a}); legacy SSE failed (${b})`,
      { cause: err, details: { server: options.label } },
    );
  }
}

async function listOver(
  transport: Transport,
  negotiation: 'auto' | 'legacy',
  options: HttpRunOptions,
): Promise<ServerListing> {
  const abort = new AbortController();
  const started = Date.now();
  const timer = setTimeout(() => abort.abort(), options.limits.totalMs);
  let client: Client | undefined;
  try {
    const probed = await probeServer(transport, {
      clientInfo: options.clientInfo,
      negotiation,
      startupMs: options.limits.startupMs,
      limits: options.limits,
      budget: { signal: abort.signal, remaining: () => options.limits.totalMs - (Date.now() - started) },
      server: options.label,
    });
    client = probed.client;
    return probed.listing;
  } catch (err) {
    if (abort.signal.aborted)
      throw new VetError('TIMEOUT', `${options.label}: did not finish within ${options.limits.totalMs / 1000} s`, {
        cause: err,
      });
    throw err;
  } finally {
    clearTimeout(timer);
    await client?.close().catch(() => undefined);
    await transport.close().catch(() => undefined);
  }
}
