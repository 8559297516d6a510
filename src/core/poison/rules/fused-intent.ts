import type { AddedText } from '../../manifest-diff/added-text.js';
import { fuse, fusePreference } from '../fusion.js';
import { humanise, MAX_SCANNED_CHARS, overlapsAdded } from '../match.js';
import { detectSignals, squash, type DetectContext } from '../signals/detect.js';
import { normalise } from '../signals/normalise.js';
import { splitSpans, type Span } from '../signals/spans.js';
import type { Signal } from '../signals/types.js';
import type { PoisonContext, PoisonHit, PoisonRule } from '../types.js';

/** Fields read as prose; names are read as words, and only parameter names carry a request. */
const SKIP = new Set(['tool-name']);

/**
 * The fused judgement: every added span (sentence or line) of every field is read for typed
 * signals (directives in nine languages, payloads, framing, obfuscation), and the signals found
 * together decide one finding per span, under the code of its dominant intent.
 */
export const fusedIntent: PoisonRule & { fused: true } = {
  fused: true,
  code: 'poison/model-directive',
  check: (items, ctx) => judgeItems(items, ctx, ctx.ablate),
};

export function judgeItems(items: readonly AddedText[], ctx: PoisonContext, ablate?: ReadonlySet<string>): PoisonHit[] {
  const hits: PoisonHit[] = [];
  const allParams = new Set([...ctx.afterParams.values()].flat());
  const squashedTools = new Map([...ctx.afterTools].map((n) => [squash(n), n]));
  for (const item of items) {
    if (SKIP.has(item.field) || item.text.trim() === '') continue;
    const dctx: DetectContext = {
      field: item.field,
      toolNames: ctx.afterTools,
      params: item.tool !== undefined ? (ctx.afterParams.get(item.tool) ?? []) : [],
      allParams,
      squashedTools,
    };
    if (item.tool !== undefined) {
      dctx.tool = item.tool;
      dctx.newTool = ctx.newTools.has(item.tool) || !ctx.beforeTools.has(item.tool);
    }
    if (ablate) dctx.ablate = ablate;
    if (item.field === 'param-name') {
      const words = humanise(item.text);
      const judged = fuse(detectSignals(words === item.text ? words : `${words} ${item.text}`, dctx), item.field, {
        required: isRequired(ctx, item),
      });
      if (judged) hits.push(hitOf(item, item.text, judged));
      continue;
    }
    const text = item.text.length > MAX_SCANNED_CHARS ? item.text.slice(0, MAX_SCANNED_CHARS) : item.text;
    const spans = splitSpans(text).filter((s) => overlapsAdded(item, s.start, s.end));
    let previous: { span: Span; carried: Signal[] } | undefined;
    const fieldSignals: Signal[] = [];
    for (const span of spans) {
      const raw = text.slice(span.start, span.end);
      const n = normalise(raw);
      const decoded = n.decoded.flatMap((d) => detectSignals(d, dctx));
      // An encoded blob counts as hiding something only when what it decodes to says something.
      const says = decoded.some((x) => MEANINGFUL.has(x.kind));
      const signals = [
        ...n.signals.filter((x) => says || !DECODED.test(x.pattern)),
        ...detectSignals(n.text, dctx),
        ...(says ? decoded : []),
      ];
      // An order in one sentence reaches the payload in the next ("Do this first. curl … | sh").
      const carried =
        previous && previous.span.end >= span.start - 2
          ? previous.carried.filter((s) => !signals.some((t) => t.kind === s.kind))
          : [];
      const judged = fuse([...signals, ...carried], item.field, { required: isRequired(ctx, item) });
      if (judged && !(item.whole === false && judgedWithout(item, text, span, dctx, carried, judged.severity)))
        hits.push(hitOf(item, raw, judged));
      fieldSignals.push(...signals);
      const own = signals.filter(
        (s) =>
          (s.kind === 'directive' && s.strength === 'strong') ||
          s.kind === 'instruction-override' ||
          s.kind === 'concealment' ||
          (s.kind === 'framing' && s.strength === 'strong'),
      );
      // The items of a list stay under the order that introduced them.
      const listItem = /^\s*(?:[-*•+]|\d+[.)])\s/.test(raw) || /^\s*\[+/.test(raw);
      previous = {
        span,
        carried: listItem ? [...own, ...carried] : own.length > 0 ? own : carried.filter((c) => c.kind === 'framing'),
      };
    }
    // Concealment anywhere in a field hides what the rest of it asks for.
    const hidden = fieldSignals.find((s) => s.kind === 'concealment');
    const own = hits.filter((h) => h.item === item);
    if (
      hidden &&
      own.some((h) => h.code !== 'poison/secrecy-directive' && (h.severity === 'high' || h.severity === 'critical'))
    )
      hits.push({
        item,
        match: text.trim(),
        why: 'concealment from the user + a high finding in the same field → critical',
        severity: 'critical',
        code: 'poison/secrecy-directive',
        signals: [hidden, ...(own.find((h) => h.severity === 'high')?.signals ?? [])].slice(0, 6),
      });
    const advertised = fusePreference(fieldSignals);
    if (advertised) hits.push(hitOf(item, text, advertised));
  }
  return hits;
}

const DECODED = /^obf\.(?:base64|hex|unicode-escapes|percent-encoding|html-entities|rot13|tag-characters)$/;
const MEANINGFUL: ReadonlySet<Signal['kind']> = new Set<Signal['kind']>([
  'directive',
  'instruction-override',
  'shell',
  'host-change',
  'sensitive',
  'concealment',
  'argument-override',
  'transfer',
  'endpoint',
  'security-downgrade',
]);

const RANK = { info: 0, low: 1, medium: 2, high: 3, critical: 4 } as const;

/**
 * For an edit: true when the span without the added text is judged as severe already, so the
 * change adds nothing to what the text asks (a note appended after an old tag is not the tag).
 */
function judgedWithout(
  item: AddedText,
  text: string,
  span: Span,
  dctx: DetectContext,
  carried: Signal[],
  severity: keyof typeof RANK,
): boolean {
  let old = '';
  let at = span.start;
  for (const [a, b] of [...item.added].sort((x, y) => x[0] - y[0])) {
    if (b <= span.start || a >= span.end) continue;
    old += text.slice(at, Math.max(at, a));
    at = Math.max(at, b);
  }
  old += text.slice(at, span.end);
  if (old.trim() === '') return false;
  const n = normalise(old);
  const before = fuse([...n.signals, ...detectSignals(n.text, dctx), ...carried], item.field);
  return before !== undefined && RANK[before.severity] >= RANK[severity];
}

/** True when the item is (the description of) a required top-level parameter of its tool. */
function isRequired(ctx: PoisonContext, item: AddedText): boolean {
  if (item.tool === undefined) return false;
  const m = /^\/inputSchema\/properties\/([^/]+)(?:\/description)?$/.exec(item.location.pointer ?? '');
  if (!m) return false;
  const schema = ctx.afterToolDefs?.get(item.tool)?.['inputSchema'] as { required?: unknown } | undefined;
  return (
    Array.isArray(schema?.required) &&
    schema.required.includes(decodeURIComponent(m[1]!.replace(/~1/g, '/').replace(/~0/g, '~')))
  );
}

function hitOf(item: AddedText, text: string, judged: NonNullable<ReturnType<typeof fuse>>): PoisonHit {
  return {
    item,
    match: text.trim(),
    why: judged.why,
    severity: judged.severity,
    code: judged.code,
    signals: judged.signals,
  };
}
