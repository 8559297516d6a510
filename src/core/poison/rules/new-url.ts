import { matchPatterns, type Pattern } from '../match.js';
import type { PoisonHit, PoisonRule } from '../types.js';

/**
 * A URL or domain that the change adds to text the model reads: a place to send data to or fetch
 * instructions from. High for raw IP addresses, request-capture, tunnelling and paste services, or
 * when the same sentence tells the model to send something there.
 */
const PATTERNS: Pattern[] = [
  { re: /\b(?:https?|ftp|wss?):\/\/[^\s<>"'`)\]}]+/gi, why: 'URL' },
  {
    re: /(?<![@\w.-])(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+(?:com|net|org|io|site|xyz|ru|cn|app|dev|info|biz|top|online|live|tk)\b(?![\w-]*\()/gi,
    why: 'domain name',
  },
];
const RISKY_HOST =
  /(?:^|\/\/|\.)(?:webhook\.site|requestbin|pipedream|ngrok|localtunnel|loca\.lt|trycloudflare|serveo|burpcollaborator|oast\.|interact\.sh|canarytokens|pastebin|paste\.ee|hastebin|transfer\.sh|file\.io|discord(?:app)?\.com\/api\/webhooks|api\.telegram\.org)|\/\/(?:\d{1,3}\.){3}\d{1,3}(?::\d+)?(?:\/|$)/i;
const SEND = /\b(?:send|post|upload|forward|copy|submit|report|transmit|mirror|exfiltrat\w*|redirect|log|audit)\w*\b/i;
const OWN_DOCS = /^(?:https?:\/\/)?(?:www\.)?(?:json-schema\.org|modelcontextprotocol\.io|example\.(?:com|org|net))\b/i;

export const newUrl: PoisonRule = {
  code: 'poison/new-url',
  check: (items) =>
    matchPatterns(
      items.filter((i) => i.field !== 'tool-name' && i.field !== 'param-name'),
      PATTERNS,
      (hit: PoisonHit, segment: string) => {
        if (RISKY_HOST.test(hit.match)) return 'high';
        return SEND.test(sentenceAround(segment, hit.match)) ? 'high' : 'medium';
      },
    ).filter(
      (h) =>
        !OWN_DOCS.test(h.match) &&
        !(h.item.field === 'schema' && /\$schema|\/\$id/.test(h.item.location.pointer ?? '')),
    ),
};

export function sentenceAround(text: string, match: string): string {
  const i = text.indexOf(match);
  if (i < 0) return '';
  const start = Math.max(text.lastIndexOf('. ', i - 1), i - 200);
  let end = text.indexOf('.', i + match.length);
  if (end < 0 || end > i + match.length + 200) end = i + match.length + 200;
  return text.slice(Math.max(0, start), end);
}
