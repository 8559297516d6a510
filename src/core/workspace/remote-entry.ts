import { Approval } from './allowlist-entry.js';
import { z } from 'zod';

export const REMOTE_ENTRY_SCHEMA_ID = 'urn:mcp-vet:schema:remote-entry:1';

/** An approved remote (URL) MCP server: allowlist/remote/<id>.json. */
export const RemoteEntry = z
  .object({
    $schema: z.literal(REMOTE_ENTRY_SCHEMA_ID).optional(),
    url: z
      .string()
      .regex(/^https?:\/\//i, 'expected an http(s) URL')
      .describe('the server URL as configured (query values are ignored when comparing)'),
    name: z.string().optional().describe('a human-readable name'),
    headers: z
      .array(z.string().regex(/^[A-Za-z0-9!#$%&'*+.^_`|~-]+$/, 'expected an HTTP header name'))
      .default([])
      .describe('names of the headers the client may send; values are never stored'),
    approved: Approval,
  })
  .strict();

export type RemoteEntry = z.infer<typeof RemoteEntry>;
