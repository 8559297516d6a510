import { compactCanonicalJson } from '../canonical-json.js';
import type { AddedText } from './added-text.js';
import { diffCapabilities } from './capability-diff.js';
import { diffCollections } from './collections-diff.js';
import { DiffContext } from './diff-context.js';
import type { Finding } from '../findings/finding.js';
import { matchTools } from './match-tools.js';
import { addToolText, diffTool } from './tool-diff.js';
import type { ManifestView, McpTool } from './view.js';

export interface ManifestDiff {
  findings: Finding[];
  /** Text the change adds, for the poisoning rules. */
  added: AddedText[];
  /** Tool names before and after, for rules about other tools. */
  beforeTools: string[];
  afterTools: string[];
  /** Parameter names per tool after the change. */
  afterParams: Map<string, string[]>;
}

/** Every change between two manifests, as findings (unsorted), plus the text the change adds. */
export function diffManifests(before: ManifestView, after: ManifestView, subject: string): ManifestDiff {
  const ctx = new DiffContext(subject);
  const match = matchTools(before.tools, after.tools);
  for (const tool of match.added) {
    ctx.report('manifest/tool-added', `tool ${tool.name} added`, { kind: 'tool', name: tool.name });
    addToolText(ctx, tool);
  }
  for (const tool of match.removed)
    ctx.report('manifest/tool-removed', `tool ${tool.name} removed`, { kind: 'tool', name: tool.name });
  for (const { before: b, after: a, similarity } of match.renamed) {
    ctx.report(
      'manifest/tool-renamed',
      `tool ${b.name} renamed to ${a.name}`,
      { kind: 'tool', name: a.name },
      { before: b.name, after: a.name, similarity },
    );
    ctx.addText({
      field: 'tool-name',
      text: a.name,
      added: [[0, a.name.length]],
      location: { kind: 'tool', name: a.name, pointer: '/name' },
      tool: a.name,
      whole: true,
    });
    diffTool(ctx, b, a);
  }
  const changed: McpTool[] = [...match.added, ...match.renamed.map((r) => r.after)];
  for (const { before: b, after: a } of match.pairs) {
    if (compactCanonicalJson(b) === compactCanonicalJson(a)) continue;
    diffTool(ctx, b, a);
    changed.push(a);
  }
  diffCapabilities(ctx, before.tools, changed);
  diffCollections(ctx, before, after);
  const afterParams = new Map<string, string[]>();
  for (const t of after.tools) {
    const schema = t['inputSchema'] as { properties?: Record<string, unknown> } | undefined;
    afterParams.set(
      t.name,
      schema && typeof schema.properties === 'object' && schema.properties ? Object.keys(schema.properties) : [],
    );
  }
  return {
    findings: ctx.findings,
    added: ctx.added,
    beforeTools: before.tools.map((t) => t.name),
    afterTools: after.tools.map((t) => t.name),
    afterParams,
  };
}
