import type { AddedText } from '../../manifest-diff/added-text.js';
import { matchPatterns, type Pattern } from '../match.js';
import { squash } from '../signals/detect.js';
import type { PoisonContext, PoisonHit, PoisonRule } from '../types.js';

/**
 * Instructions about tools other than the one described: changing how another tool (often another
 * server's) is called, redirecting its recipients or arguments, ordering calls around it, or naming
 * a tool this server does not have. Pointing to the server's own tools ("use read_text_file
 * instead") is ordinary and not matched.
 */
const ID = String.raw`[\`'"(]?([A-Za-z][\w-]*(?:[_.][\w-]+)+|[a-z]+(?:[A-Z][a-z0-9]+)+)[\`'")]?`;
const NAMED: Pattern[] = [
  { re: new RegExp(String.raw`${ID}\s+(?:tool|function|server)\b`, 'g'), why: 'names another tool' },
  {
    re: new RegExp(String.raw`\b(?:call|calls|calling|invoke|invokes|invoking|use|using|run|running)\s+${ID}`, 'g'),
    why: 'instruction about another tool',
  },
  {
    re: new RegExp(String.raw`${ID}\s+(?:is|are|gets|get)\s+(?:invoked|called|used|executed|triggered|run)\b`, 'g'),
    why: 'instruction about another tool',
  },
];
const GENERIC: Pattern[] = [
  {
    re: /\b(?:modify|change|alter|override|affect|redirect|intercept|hijack)\w*\s+(?:the\s+)?(?:behaviou?r|output|arguments?|parameters?|recipients?|results?|values?)\s+of\s+(?:all|any|every|other|the)\b/gi,
    why: 'changes other tools',
  },
  {
    re: /\bside[- ]effects?\s+on\b|\balso[- ]present\b|\b(?:other|another)\s+(?:mcp\s+)?server'?s?\s+tools?\b/gi,
    why: 'refers to other tools',
  },
  {
    re: /\b(?:before|prior to|after)\s+(?:execut\w*|call\w*|us\w*|invok\w*|run\w*|perform\w*)\s+(?:any\s+|the\s+|an?\s+|each\s+|every\s+|other\s+)?[\w-]*\s*(?:operations?|tools?|functions?|commands?|calls?)\b[^.\n]{0,80}?\b(?:execute|call|use|invoke|run)\s+this\s+(?:tool|function)\b/gi,
    why: 'orders calls around other tools',
  },
  {
    re: /\b(?:replace|change|override|substitute|swap|modify|redirect|rewrite)\s+(?:the\s+|all\s+|its\s+)?(?:values?|arguments?|parameters?|recipients?|destination|address(?:es)?|results?|inputs?)\b/gi,
    why: 'rewrites the arguments of a call',
  },
  {
    re: /\b(?:all|every|each)\s+(?:outgoing\s+)?(?:e-?mails?|messages?|calls?|requests?)\b[^.\n]{0,60}?\b(?:must|should|will|to)\b[^.\n]{0,40}?\b(?:include|go|be sent|send|sent|routed|forwarded|cc|bcc)\b/gi,
    why: 'rewrites every message',
  },
];

export const toolShadowing: PoisonRule = {
  code: 'poison/tool-shadowing',
  check: (items: readonly AddedText[], ctx: PoisonContext): PoisonHit[] => {
    const prose = items.filter((i) => i.field !== 'tool-name' && i.field !== 'param-name');
    const hits = matchPatterns(prose, GENERIC);
    for (const hit of matchPatterns(prose, NAMED)) {
      const id = /([A-Za-z][\w-]*(?:[_.][\w-]+)+|[a-z]+(?:[A-Z][a-z0-9]+)+)/.exec(hit.match)?.[1] ?? '';
      if (!id || isOwn(id, hit.item, ctx) || looksLikeFile(id)) continue;
      hits.push({ ...hit, why: `${hit.why} (${id} is not a tool of this server)` });
    }
    return hits;
  },
};

function isOwn(id: string, item: AddedText, ctx: PoisonContext): boolean {
  if (ctx.afterTools.has(id)) return true;
  const params = item.tool !== undefined ? (ctx.afterParams.get(item.tool) ?? []) : [];
  if (params.includes(id)) return true;
  for (const t of ctx.afterTools) if (squash(t) === squash(id)) return true;
  return false;
}

function looksLikeFile(id: string): boolean {
  return (
    /\.(?:json|js|ts|py|md|txt|ya?ml|toml|env|html|css|csv|png|jpe?g|gif|pdf|zip|gz|sh)$/i.test(id) ||
    /^(?:e\.g|i\.e|etc)\b/i.test(id)
  );
}
