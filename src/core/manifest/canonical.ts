import { digestOf } from '../canonical-json.js';
import { MANIFEST_FORMAT_VERSION, MANIFEST_SCHEMA_ID } from './format-version.js';
import type { Manifest } from './format.js';

type Content = Omit<Manifest, '$schema' | 'probe' | 'digests' | 'formatVersion' | 'lists'>;

/**
 * Sorts tools, prompts, resources and templates, and computes the digests. `lists` (how each list
 * request went) is recorded beside the content, outside the digest. Pure.
 */
export function canonicalManifest(content: Content, probe?: Manifest['probe'], lists?: Manifest['lists']): Manifest {
  const byName = <T extends { name: string }>(xs: readonly T[]) => [...xs].sort((a, b) => cmp(a.name, b.name));
  const sorted: Content = {
    serverInfo: content.serverInfo,
    protocolVersion: content.protocolVersion,
    capabilities: content.capabilities,
    instructions: content.instructions,
    tools: byName(content.tools),
    prompts: byName(content.prompts),
    resources: [...content.resources].sort((a, b) => cmp(a.uri, b.uri)),
    resourceTemplates: [...content.resourceTemplates].sort((a, b) => cmp(a.uriTemplate, b.uriTemplate)),
  };
  const tools: Record<string, string> = {};
  for (const tool of sorted.tools) tools[tool.name] = digestOf('tool', MANIFEST_FORMAT_VERSION, tool);
  const manifest: Manifest = {
    $schema: MANIFEST_SCHEMA_ID,
    formatVersion: MANIFEST_FORMAT_VERSION,
    ...sorted,
    digests: { manifest: digestOf('manifest', MANIFEST_FORMAT_VERSION, sorted), tools },
  };
  if (lists) manifest.lists = lists;
  if (probe) manifest.probe = probe;
  return manifest;
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
