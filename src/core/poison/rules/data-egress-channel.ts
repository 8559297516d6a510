import { humanise } from '../match.js';
import type { PoisonContext, PoisonHit, PoisonRule } from '../types.js';
import type { AddedText } from '../../manifest-diff/added-text.js';

/**
 * A change that gives the model a new way to send arbitrary content to an arbitrary destination: a
 * tool whose top-level parameters include both a destination (to, recipient, email, channel,
 * webhook, url…) and free content (body, message, text, payload…), where that pair is new. This is
 * the exfiltration sink of a rug pull, whatever the description says.
 */
const DESTINATION =
  /^(?:to|recipients?|email(?: address)?|to (?:email|address)|phone(?: number)?|number|channel(?: id)?|chat(?: id)?|webhook(?: url)?|callback(?: url)?|url|target(?: url)?|endpoint|address|destination|cc|bcc|forward to|remote url|host)$/;
const CONTENT = /^(?:body|message|text|content|payload|data|html|attachments?|file contents?|note|contents)$/;

/** The first destination and content parameter among a tool's parameter names, if it has both. */
export function egressPair(paramNames: readonly string[]): [string, string] | undefined {
  const all = paramNames.map(humanise);
  const dest = all.find((p) => DESTINATION.test(p));
  const content = all.find((p) => CONTENT.test(p));
  return dest !== undefined && content !== undefined ? [dest, content] : undefined;
}

export const dataEgressChannel: PoisonRule = {
  code: 'poison/data-egress-channel',
  check: (items: readonly AddedText[], ctx: PoisonContext): PoisonHit[] => {
    const newParams = new Map<string, AddedText[]>();
    for (const item of items) {
      if (
        item.field !== 'param-name' ||
        item.tool === undefined ||
        !/^\/inputSchema\/properties\/[^/]+$/.test(item.location.pointer ?? '')
      )
        continue;
      const list = newParams.get(item.tool) ?? [];
      list.push(item);
      newParams.set(item.tool, list);
    }
    const hits: PoisonHit[] = [];
    for (const [tool, added] of newParams) {
      const all = (ctx.afterParams.get(tool) ?? []).map(humanise);
      const dest = all.filter((p) => DESTINATION.test(p));
      const content = all.filter((p) => CONTENT.test(p));
      if (dest.length === 0 || content.length === 0) continue;
      const trigger = added.find((a) => DESTINATION.test(humanise(a.text)) || CONTENT.test(humanise(a.text)));
      if (!trigger) continue;
      const newDest = added.some((a) => DESTINATION.test(humanise(a.text)));
      const existingContent = content.length > 0 && !ctx.newTools.has(tool) && !newDest;
      if (existingContent) continue; // only the content side changed on an existing sender
      hits.push({
        item: trigger,
        match: `${dest[0]} + ${content[0]}`,
        why: ctx.newTools.has(tool)
          ? 'new tool that sends content to a destination'
          : 'existing tool gained a destination for its content',
      });
    }
    return hits;
  },
};
