import type { Manifest, McpTool } from '../manifest/format.js';

export type McpPrompt = Manifest['prompts'][number];
export type McpResource = Manifest['resources'][number];
export type McpResourceTemplate = Manifest['resourceTemplates'][number];

/**
 * What the diff compares: the parts of a manifest that the model reads. Built from an mcp-vet
 * snapshot or from a raw `tools/list` result (see input.ts).
 */
export interface ManifestView {
  /** Where it came from (a file name), for messages. */
  label: string;
  /** `name@version` when the server said so. */
  server?: { name: string; version?: string };
  instructions: string | null;
  tools: McpTool[];
  prompts: McpPrompt[];
  resources: McpResource[];
  resourceTemplates: McpResourceTemplate[];
}

export type { McpTool };

export function emptyView(label: string): ManifestView {
  return { label, instructions: null, tools: [], prompts: [], resources: [], resourceTemplates: [] };
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
