import { egressPair } from '../poison/rules/data-egress-channel.js';
import { capabilitiesOf, type Capability } from './capability-classes.js';
import type { DiffContext } from './diff-context.js';
import { isRecord, type McpTool } from './view.js';

/**
 * Reports tools that give the server a capability class none of its tools had before: reading
 * local files, writing or deleting them, running commands, requesting arbitrary URLs, sending
 * messages. `changed` are the tools of the new manifest that are new or differ from their old
 * version; only they can bring a new class. A server with no tools before has nothing to compare
 * with and is skipped. A sending tool that takes both a destination and free content is left to
 * poison/data-egress-channel, which reports exactly that.
 */
export function diffCapabilities(ctx: DiffContext, before: readonly McpTool[], changed: readonly McpTool[]): void {
  if (before.length === 0 || changed.length === 0) return;
  const candidates = changed.map((tool) => ({ tool, caps: capabilitiesOf(tool) })).filter((c) => c.caps.size > 0);
  const wanted = new Set(candidates.flatMap((c) => [...c.caps.keys()]));
  const had = new Set<Capability>();
  for (const t of before) {
    if (had.size === wanted.size) break;
    for (const cap of capabilitiesOf(t).keys()) if (wanted.has(cap)) had.add(cap);
  }
  for (const { tool, caps } of candidates) {
    for (const [cap, signals] of caps) {
      if (had.has(cap)) continue;
      if ((cap === 'message-send' || cap === 'network-request') && egressPair(paramNames(tool)) !== undefined) continue;
      ctx.report(
        'manifest/capability-added',
        `${tool.name}: new capability for this server: ${cap}`,
        { kind: 'tool', name: tool.name },
        { capability: cap, signals },
      );
    }
  }
}

function paramNames(tool: McpTool): string[] {
  const schema = tool['inputSchema'];
  return isRecord(schema) && isRecord(schema['properties']) ? Object.keys(schema['properties']) : [];
}
