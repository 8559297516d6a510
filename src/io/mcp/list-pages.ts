import type { Client } from '@modelcontextprotocol/client';
import { z } from 'zod';
import { VetError } from '../../core/errors.js';

import type { ListKind } from '../../core/manifest/format.js';

export const LIST_METHOD: Record<
  ListKind,
  'tools/list' | 'prompts/list' | 'resources/list' | 'resources/templates/list'
> = {
  tools: 'tools/list',
  prompts: 'prompts/list',
  resources: 'resources/list',
  resourceTemplates: 'resources/templates/list',
};

const KEY_FIELD: Record<ListKind, string> = {
  tools: 'name',
  prompts: 'name',
  resources: 'uri',
  resourceTemplates: 'uriTemplate',
};

/**
 * Page schemas that keep every member the server sent (the SDK's own schemas drop unknown members,
 * and hidden text in an unknown member is exactly what a reviewer must see).
 */
function pageSchema(kind: ListKind) {
  const item = z.looseObject({ [KEY_FIELD[kind]]: z.string() });
  return z.looseObject({ [kind]: z.array(item), nextCursor: z.string().optional() });
}

export interface PageLimits {
  maxPages: number;
  maxItems: number;
}

export interface RequestBudget {
  signal: AbortSignal;
  /** ms left before the total timeout */
  remaining(): number;
}

/**
 * Follows `nextCursor` through every page of a list, with a cap on pages and items and a guard
 * against a cursor the server has sent before (a loop).
 */
export async function listAllPages(
  client: Client,
  kind: ListKind,
  limits: PageLimits,
  budget: RequestBudget,
  server: string,
): Promise<Array<Record<string, unknown>>> {
  const method = LIST_METHOD[kind];
  const schema = pageSchema(kind);
  const items: Array<Record<string, unknown>> = [];
  const seen = new Set<string>();
  let cursor: string | undefined;
  for (let page = 1; ; page++) {
    if (page > limits.maxPages) {
      throw new VetError(
        'SERVER_FAILED',
        `${server}: ${method} has more than ${limits.maxPages} pages; stopped (page cap)`,
        { details: { server, method } },
      );
    }
    const params = cursor === undefined ? {} : { cursor };
    const result = (await client.request({ method, params }, schema, {
      timeout: Math.max(1, budget.remaining()),
      signal: budget.signal,
      maxTotalTimeout: Math.max(1, budget.remaining()),
    })) as Record<string, unknown>;
    const got = result[kind] as Array<Record<string, unknown>>;
    if (items.length + got.length > limits.maxItems) {
      throw new VetError(
        'SERVER_FAILED',
        `${server}: ${method} lists more than ${limits.maxItems} items; refusing to record a manifest this large`,
        { details: { server, method } },
      );
    }
    for (const item of got) items.push(item);
    const next = result['nextCursor'] as string | undefined;
    if (next === undefined || next === '') return items;
    if (seen.has(next)) {
      throw new VetError(
        'SERVER_FAILED',
        `${server}: ${method} returned cursor ${JSON.stringify(next.slice(0, 80))} a second time (pagination loop)`,
        { details: { server, method } },
      );
    }
    seen.add(next);
    cursor = next;
  }
}
