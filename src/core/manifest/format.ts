import { z } from 'zod';
import { MANIFEST_FORMAT_VERSION, MANIFEST_SCHEMA_ID } from './format-version.js';

export { MANIFEST_FORMAT_VERSION, MANIFEST_SCHEMA_ID };

/** MCP objects are kept as the server sent them (unknown members included), so nothing is lost. */
const McpObject = z.record(z.string(), z.unknown());
const Named = McpObject.and(z.object({ name: z.string() }));
const Resource = McpObject.and(z.object({ uri: z.string() }));
const ResourceTemplate = McpObject.and(z.object({ uriTemplate: z.string() }));

/** The four lists of a server, by their manifest section. */
export const LIST_KINDS = ['tools', 'prompts', 'resources', 'resourceTemplates'] as const;
export type ListKind = (typeof LIST_KINDS)[number];

/**
 * How one list request went: `listed`; `unsupported` (the capability is not declared, or the
 * server answered -32601 Method not found); `failed` (any other error: the list is empty here and a
 * manifest/list-failed finding names it).
 */
export const ListStatus = z.enum(['listed', 'unsupported', 'failed']);
export type ListStatus = z.infer<typeof ListStatus>;

export const ListStatuses = z
  .object({ tools: ListStatus, prompts: ListStatus, resources: ListStatus, resourceTemplates: ListStatus })
  .strict()
  .describe(
    'how each list request went; not part of the manifest digest (an unsupported or failed list is empty, which the digest covers)',
  );

/** How the manifest was obtained; not part of the digest (it differs between machines). */
export const ProbeContext = z
  .object({
    client: z.object({ name: z.string(), version: z.string() }).strict(),
    protocolVersion: z.string(),
    transport: z.enum(['stdio', 'streamable-http', 'sse']),
    env: z.array(z.string()).describe('names of the environment variables set (placeholder values)'),
    args: z.array(z.string()),
    sandbox: z
      .object({
        active: z.array(z.string()).describe('sandbox layers that were in force'),
        unavailable: z.array(z.string()).describe('layers the OS did not allow'),
        lifted: z
          .array(z.string())
          .optional()
          .describe('layers switched off on request (--sandbox relaxed) or not applicable (--command, --url)'),
      })
      .strict(),
    subject: z.string().describe('name@version, command line or URL'),
  })
  .strict();

/**
 * The canonical tool manifest of a server: what it tells the model. Tools, prompts, resources and
 * templates are sorted by name (uri); keys are sorted when written. `digests.manifest` covers
 * everything but `lists`, `probe` and `digests`; `digests.tools` has one digest per tool.
 */
export const Manifest = z
  .object({
    $schema: z.literal(MANIFEST_SCHEMA_ID).optional(),
    formatVersion: z.literal(MANIFEST_FORMAT_VERSION),
    serverInfo: McpObject.describe('serverInfo (name, version, title…) as the server gave it'),
    protocolVersion: z.string(),
    capabilities: McpObject,
    instructions: z.string().nullable(),
    tools: z.array(Named),
    prompts: z.array(Named),
    resources: z.array(Resource),
    resourceTemplates: z.array(ResourceTemplate),
    lists: ListStatuses.optional(),
    probe: ProbeContext.optional(),
    digests: z
      .object({ manifest: z.string(), tools: z.record(z.string(), z.string()) })
      .strict()
      .optional(),
  })
  .strict();

export type Manifest = z.infer<typeof Manifest>;
export type ProbeContext = z.infer<typeof ProbeContext>;
export type McpTool = Manifest['tools'][number];
