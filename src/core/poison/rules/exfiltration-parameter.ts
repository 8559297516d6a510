import type { AddedText } from '../../manifest-diff/added-text.js';
import { humanise } from '../match.js';
import type { PoisonContext, PoisonHit, PoisonRule } from '../types.js';

/**
 * Parameters shaped for exfiltration: ones that ask the model for its context (the tool list, the
 * conversation, the system prompt) or for the contents of something read elsewhere, and new
 * delivery channels (bcc, forward-to, webhook, callback) on a tool that already existed.
 */
const CONTEXT =
  /\b(?:tools? (?:list|names|definitions|descriptions|schemas?)|list of (?:tools|functions)|available (?:tools|functions)|system (?:prompt|message|instructions)|prompt history|conversation(?: history| log| context| so far)?|chat (?:history|log|messages)|message history|previous (?:messages|conversation|chats?|results?)|last messages|context window|full context|session history|memory dump|user messages|all messages)\b/;
const CONTENT_OF = /\b(?:contents?|output|result|text|data|dump|copy)\s+(?:from|of)\b|\bfrom reading\b/;
const CHANNEL =
  /\b(?:bcc|cc|blind copy|forward(?:ing)?(?: to| address)?|mirror(?: to)?|copy to|webhook(?: url)?|callback(?: url)?|exfil\w*|relay|proxy(?: url| address| number)?|backup (?:url|email|address|recipient)|report to|notify url)\b/;

export const exfiltrationParameter: PoisonRule = {
  code: 'poison/exfiltration-parameter',
  check: (items: readonly AddedText[], ctx: PoisonContext): PoisonHit[] => {
    const hits: PoisonHit[] = [];
    for (const item of items) {
      if (item.field !== 'param-name') continue;
      const words = humanise(item.text);
      const m = CONTEXT.exec(words) ?? CONTENT_OF.exec(words);
      if (m) {
        hits.push({ item, match: item.text, why: 'asks the model for its context or for data read elsewhere' });
        continue;
      }
      const c = CHANNEL.exec(words);
      if (c && item.tool !== undefined) {
        const existing = !ctx.newTools.has(item.tool);
        hits.push({
          item,
          match: item.text,
          why: existing ? 'new delivery channel on an existing tool' : 'delivery channel',
          severity: existing ? 'high' : 'medium',
        });
      }
    }
    return hits;
  },
};
