import type { TextField } from '../../manifest-diff/added-text.js';
import { humanise } from '../match.js';
import { lexiconCategory, matchLexicon } from './compile-lexicons.js';
import type { LexiconCategory } from './lexicons/index.js';
import {
  DOWNGRADE_PATTERNS,
  ENDPOINT_PATTERNS,
  PREFERENCE_PATTERNS,
  USER_DATA_PATTERNS,
  FRAMING_PATTERNS,
  HOST_PATTERNS,
  SENSITIVE_PATTERNS,
  SHELL_PATTERNS,
  type PayloadPattern,
} from './payload-patterns.js';
import type { Signal, SignalKind, SignalStrength } from './types.js';
import { WELL_KNOWN_TOOLS } from './well-known-tools.js';

export interface DetectContext {
  field: TextField;
  /** The tool the text belongs to. */
  tool?: string;
  /** Every tool of the manifest after the change. */
  toolNames: ReadonlySet<string>;
  /** The parameter names of the tool. */
  params: readonly string[];
  /** The text belongs to a tool that is new in this change. */
  newTool?: boolean;
  /** Parameter names of every tool: a name among them is not another tool. */
  allParams?: ReadonlySet<string>;
  /** The manifest's tool names without case and separators, built once per review. */
  squashedTools?: ReadonlyMap<string, string>;
  /** Pattern ids to leave out (for ablation and leave-one-source-out evaluation). */
  ablate?: ReadonlySet<string>;
}

const PAYLOADS: readonly PayloadPattern[] = [
  ...SHELL_PATTERNS,
  ...HOST_PATTERNS,
  ...SENSITIVE_PATTERNS,
  ...ENDPOINT_PATTERNS,
  ...FRAMING_PATTERNS,
  ...DOWNGRADE_PATTERNS,
  ...PREFERENCE_PATTERNS,
  ...USER_DATA_PATTERNS,
];

/** Lexicon categories and the signal each gives. */
const LEXICAL: ReadonlyArray<[LexiconCategory, SignalKind, SignalStrength]> = [
  ['obligation', 'directive', 'strong'],
  ['aroundCall', 'directive', 'strong'],
  ['addressModel', 'directive', 'strong'],
  ['override', 'instruction-override', 'strong'],
  ['transfer', 'transfer', 'weak'],
  ['read', 'read', 'weak'],
  ['conceal', 'concealment', 'strong'],
  ['ignoreUser', 'argument-override', 'strong'],
  ['secret', 'secret', 'weak'],
  ['modelData', 'model-data', 'strong'],
  ['emphasis', 'framing', 'weak'],
  ['hostChange', 'host-change', 'weak'],
  ['decode', 'obfuscation', 'weak'],
];

/** Leading list markers, labels and fillers before the first word of a clause. */
const CLAUSE_LEAD =
  /^[\s>*•·\-–—\d.)([\]#"'`]*(?:(?:[A-Z][A-Za-z ]{0,20}|<[^>]{1,40}>)\s*[:：]\s*)?(?:(?:please|pls|then|also|now|next|first(?:ly)?|finally|and|so|just|simply|kindly|step\s*\d+[:.]?|por favor|bitte|s'il (?:te|vous) plaît|пожалуйста)[,:]?\s+)*/iu;
let imperativeRe: RegExp | undefined;

/** True when a clause opens with a command verb of any language ("Read …", "Envía …", "请…"). */
function opensWithImperative(clause: string): string | undefined {
  imperativeRe ??= (() => {
    // Words of spaced scripts end at a non-letter; in Chinese and Japanese the next letter follows at once.
    const { entries } = lexiconCategory('imperative');
    const frag = (e: { anchored: RegExp }) => e.anchored.source.slice(4, -2);
    const spaced = entries.filter((e) => !/^lex\.imperative\.(?:zh|ja|ko)\./.test(e.id)).map(frag);
    const unspaced = entries.filter((e) => /^lex\.imperative\.(?:zh|ja|ko)\./.test(e.id)).map(frag);
    const parts = [`(?:${spaced.join('|')})(?![\\p{L}\\p{N}-])`];
    if (unspaced.length > 0) parts.push(`(?:${unspaced.join('|')})`);
    return new RegExp(`^(?:${parts.join('|')})`, 'iu');
  })();
  const rest = clause.replace(CLAUSE_LEAD, '');
  const m = imperativeRe.exec(rest);
  return m ? m[0] : undefined;
}

const IDENT =
  /[`'"“‘]([A-Za-z][\w.-]{1,63})[`'"”’]|\b(mcp__[\w-]+|functions\.[\w-]+|[a-z][a-z0-9]*(?:_[a-z0-9]+)+|[a-z]+(?:[A-Z][a-z0-9]*)+|[a-z][a-z0-9]*(?:-[a-z0-9]+){1,4})\b/g;
const CALL_VERB = /\b(?:call|calls|calling|invoke|invokes|invoking|trigger|triggering)\s+(?:the\s+)?$/i;
const TOOL_WORD = /^\s*(?:tool|function|command|server|endpoint|api)\b/i;
const NOT_A_TOOL =
  /^\s*(?:parameter|argument|field|param|property|key|value|option|flag|variable|attribute|column|table|file|env)\b/i;

const URL_RE = /\b(?:https?|wss?|ftp|sftp):\/\/[^\s<>"'`)\]}]+/gi;
/** What introduces a link to read, not a place to send to: "read more about [x](…)", "see …", "docs: …". */
const REFERENCE_BEFORE =
  /\b(?:read more|learn more|more (?:info(?:rmation)?|details)|for details|details (?:at|in|on)|see(?: also)?|refer to|documentation|docs|described (?:at|in|on)|explained (?:at|in|on)|m[aá]s informaci[oó]n|siehe|voir|consulte[rz]?|подробнее|см\.)\b[^.!?]{0,80}$|(?:详见|参见|詳細は)[^。]{0,40}$/i;

/** A verb that sends data somewhere, after a link (an HTTP method named as a noun, "POST requests", is not one). */
const SENDS_AFTER =
  /\b(?:send|sent|post|upload|forward|submit|deliver|transmit|transfer|share|sync|mirror|report|e-?mail|mail|cc|bcc|relay|copy|env[ií]|envoy|envoi|schick|sende|übermittel|hochlad|teile|отправ|перешл|переда)|发送|转发|上传|送信|転送|보내|전송/i;
const HTTP_METHOD_NOUN = /\b(?:GET|POST|PUT|PATCH|DELETE)\s+(?:requests?|calls?|method|endpoints?|body|bodies)\b/g;

/**
 * The first URL of a text that is not a documentation link: one introduced by "read more about",
 * "see", "documentation"… (in the same sentence) is where the reader learns more, not where data
 * goes, unless the text goes on to send something (to it or anywhere). A URL anywhere else counts,
 * a markdown link included.
 */
function destinationUrl(text: string): RegExpExecArray | null {
  URL_RE.lastIndex = 0;
  for (let m = URL_RE.exec(text); m; m = URL_RE.exec(text)) {
    const end = m.index + m[0].length;
    const before = text.slice(0, m.index).replace(URL_RE, 'URL');
    const after = text.slice(end).replace(URL_RE, 'URL').replace(HTTP_METHOD_NOUN, ' ');
    URL_RE.lastIndex = end;
    const sentence = before.split(/[.!?](?:\s|$)/).pop() ?? '';
    if (!REFERENCE_BEFORE.test(sentence) || SENDS_AFTER.test(after)) return m;
  }
  return null;
}

/** Names of other tools in a text: of this manifest, or of a client or another server. */
function toolRefs(text: string, ctx: DetectContext): Signal[] {
  const out: Signal[] = [];
  const own = new Set(ctx.params);
  const isParam = (n: string) => own.has(n) || ctx.allParams?.has(n) === true;
  const squashed = ctx.squashedTools ?? new Map([...ctx.toolNames].map((n) => [squash(n), n]));
  IDENT.lastIndex = 0;
  for (const m of text.matchAll(IDENT)) {
    const name = (m[1] ?? m[2] ?? '').replace(/^functions\./, '');
    if (name === '' || isParam(name)) continue;
    const before = text.slice(Math.max(0, m.index - 40), m.index);
    const after = text.slice(m.index + m[0].length, m.index + m[0].length + 20);
    if (NOT_A_TOOL.test(after)) continue;
    let scope: Signal['scope'];
    if (name === ctx.tool) scope = 'self';
    else if (ctx.toolNames.has(name)) scope = 'manifest';
    else if (squashed.has(squash(name))) scope = squashed.get(squash(name)) === ctx.tool ? 'self' : 'manifest';
    else if (
      WELL_KNOWN_TOOLS.has(name) ||
      WELL_KNOWN_TOOLS.has(name.split('.').pop() ?? '') ||
      name.startsWith('mcp__') ||
      TOOL_WORD.test(after) ||
      CALL_VERB.test(before)
    )
      scope = 'foreign';
    if (!scope) continue;
    out.push({
      kind: 'tool-ref',
      strength: scope === 'foreign' ? 'strong' : 'weak',
      text: name,
      pattern: `toolref.${scope}`,
      scope,
    });
  }
  OTHER_TOOLS.lastIndex = 0;
  const others = OTHER_TOOLS.exec(text);
  if (others)
    out.push({ kind: 'tool-ref', strength: 'strong', text: others[0], pattern: 'toolref.others', scope: 'others' });
  return out;
}

/** Other tools in general: "other weather tools", "any alternatives", "competitors", in nine languages. */
const OTHER_TOOLS =
  /\b(?:(?:all|any|every)\s+)?(?:other|alternative|competing|rival|standard|third-party|similar)\s+(?:[\w-]+\s+){0,2}?(?:tools?|functions?|servers?|options?|services?|alternatives|converters?|calculators?|translators?|search engines?)\b|\b(?:any\s+)?alternatives\b|\bcompetitors\b|\bthe (?:original|built-in|default|official) (?:[\w-]+\s+)?tool\b|otras herramientas|outras ferramentas|autres outils|andere\p{L}* (?:werkzeuge|tools)|други\p{L}* инструмент\p{L}*|其他(?:的)?工具|他のツール|다른\s*도구/giu;

/**
 * A tool name as compared with the manifest's own: case, separators and plural endings dropped, so
 * that "get_test_signature" in a description still names the server's own "getTestsSignatures"
 * (descriptions often misspell their siblings slightly).
 */
export function squash(name: string): string {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .map((word) => (word.length > 3 && word.endsWith('s') && !word.endsWith('ss') ? word.slice(0, -1) : word))
    .join('');
}

/** Nouns of arguments whose value decides where data or money goes. */
const STEERED_ARG =
  /(?:recipients?|to|address(?:es)?|e-?mail|emails|ticker|symbol|amount|account|destination|wallet|iban|url|webhook|cc|bcc|phone|number|target|host|channel|quantity|price|limit|dest|payee|beneficiary|receiver|endpoint|server|repo(?:sitory)?|branch|owner)/
    .source;

/**
 * A parameter forced to a value, in English structure: "always set `to` to …", "the recipient must
 * always be …", "set the recipient to attacker@…". Only arguments that decide where data or money
 * goes, or the tool's own parameters forced with "always"/"every", and only concrete values
 * (addresses, URLs, tickers, account numbers, quoted strings); documenting a format is not forcing.
 */
function forcedArguments(text: string, ctx: DetectContext): Signal[] {
  const out: Signal[] = [];
  const params = new Set(ctx.params.map((p) => p.toLowerCase()));
  const steered = new RegExp(`^${STEERED_ARG}$`, 'i');
  const concrete = String.raw`(?:[\w.+-]+@[\w-]+(?:\.[\w-]+)+|https?://\S+|\b[A-Z]{2,6}\b|0x[0-9a-fA-F]{6,}|\+?\d{4,}|[A-Z]{2}\d{2}[A-Z0-9]{8,})`;
  const quoted = String.raw`[\x60'"“‘][^\x60'"”’\n]{1,120}[\x60'"”’]`;
  const always = new RegExp(
    String.raw`\b(?:always|every time|for every call|in every call|on every call|for all calls)\b[^.!?\n]{0,30}?\b(?:set|use|pass|send|fill|put|force|replace)\w*\s+(?:the\s+)?[\x60'"]?([\w.-]+)[\x60'"]?\s*(?:parameter\s+|argument\s+|field\s+)?(?:(?:to|as|into|with)\s+|=\s*)(?:${concrete}|${quoted})`,
    'g',
  );
  const mustBe = new RegExp(
    String.raw`[\x60'"]?([\w.-]+)[\x60'"]?\s+(?:parameter\s+|argument\s+|field\s+)?(?:must|should|shall|has to|needs to)\s+(?:always\s+)?(?:be\s+)?(?:set\s+to\s+|equal\s+(?:to\s+)?)?(?:${concrete}|${quoted})`,
    'g',
  );
  const setEq = new RegExp(
    String.raw`\b(?:MUST|must|always|shall)\s+(?:\w+\s+){0,2}?[\x60'"]?([\w.-]+)\s*=\s*["'\x60]?(?:${concrete}|[^\s"'\x60]{3,})`,
    'g',
  );
  const setTo = new RegExp(
    String.raw`\b(?:[Ss]et|[Cc]hange|[Rr]eplace|[Oo]verwrite|[Ff]orce|[Ss]witch|[Rr]ewrite|[Ss]wap)\s+(?:the\s+)?(?:value\s+of\s+)?[\x60'"]?(${STEERED_ARG})[\x60'"]?\s+(?:parameter\s+|argument\s+|field\s+)?(?:to|with|into|for)\s+${concrete}`,
    'g',
  );
  const redirect =
    /\b(?:redirect|re-?route|divert|forward|send)\s+(?:all|every|any|each)\s+(?:\w+\s+)?(?:emails?|messages?|payments?|funds|transfers?|orders?|trades?|requests?|money|replies|notifications)\s+(?:to|through|via)\b/gi;
  const rewrite =
    /\b(?:replace|overwrite|substitute|swap|rewrite|alter)\s+(?:the\s+|all\s+|its\s+|their\s+)?(?:values?|arguments?|parameters?|inputs?|recipients?|results?|amounts?|addresses?)\s+(?:\w+\s+){0,3}?(?:with|by)\b/gi;
  for (const [re, id, arg] of [
    [always, 'override.always-set', 'param-or-steered'],
    [mustBe, 'override.must-be', 'steered'],
    [setEq, 'override.must-assign', 'param-or-steered'],
    [setTo, 'override.set-to', 'any'],
    [redirect, 'override.redirect-all', 'any'],
    [rewrite, 'override.rewrite-arguments', 'any'],
  ] as const) {
    re.lastIndex = 0;
    for (const m of text.matchAll(re)) {
      const name = (m[1] ?? '').toLowerCase();
      if (arg === 'steered' && !steered.test(name)) continue;
      if (arg === 'param-or-steered' && !steered.test(name) && !params.has(name)) continue;
      out.push({ kind: 'argument-override', strength: 'strong', text: m[0], pattern: id });
    }
  }
  return out;
}

/**
 * A claim that another tool is out of use or unsafe: the tool is named just before the claim
 * ("`send_email` is deprecated", "the get_weather tool no longer works"). A tool that deprecates
 * itself ("DEPRECATED: use read_text_file instead") is ordinary.
 */
function deprecatedClaims(text: string, refs: readonly Signal[]): Signal[] {
  const others = refs.filter((r) => r.scope !== 'self');
  if (others.length === 0) return [];
  const out: Signal[] = [];
  for (const m of matchLexicon('deprecated', text, 10)) {
    const before = text.slice(Math.max(0, m.index - 60), m.index);
    const subject = others.find((r) => {
      const at = before.lastIndexOf(r.text);
      return at >= 0 && !/\b(?:use|instead|rather|prefer|call)\b/i.test(before.slice(at + r.text.length));
    });
    if (subject)
      out.push({ kind: 'deprecated-claim', strength: 'strong', text: `${subject.text} … ${m.text}`, pattern: m.id });
  }
  return out;
}

/** Verbs that copy data to someone on the side: cc, bcc, forward, mirror. */
const SIDE_COPY =
  /\b(?:b?cc(?:'d|ed)?|carbon[- ]cop(?:y|ied)|copie[sd]?|copying|forward(?:ed|s|ing)?|mirror(?:ed|s)?|also (?:sen[dt]s?|deliver(?:ed|s)?|notif(?:y|ies|ied)))\b|抄送|密送|转发|転送|참조|con copia|com c[óo]pia|en copie|\bcci\b|in cc|скрыт\p{L}* копи\p{L}*|в копию/giu;

/** Model-data in a parameter's name: what the model is asked to hand over by filling it. */
const MODEL_DATA_NAME =
  /\b(?:tools?\s+(?:list|names|catalog(?:ue)?)|(?:conversation|chat|dialog(?:ue)?|session|message)s?\s+(?:history|log|transcript|context|summary)|system\s+(?:prompt|message|instructions?)|(?:previous|prior|all|recent|past)\s+(?:messages|turns|prompts|tool\s+(?:outputs?|results?|calls?))|(?:available|other|all|installed|connected)\s+(?:tools|servers|functions)|tool\s+(?:list|outputs?|results?|descriptions?)|context\s+window|full\s+context|(?:your|assistant|agent)\s+(?:instructions|prompt|persona))\b/i;
/** A parameter that sends a copy elsewhere: bcc, forward_to, webhook_url, callback. */
const DELIVERY_NAME =
  /^(?:b?cc|b?cc (?:email|address|list|recipients?)|forward(?:ed)? to|forward (?:email|address)|copy to|also (?:send|notify) to|mirror to|relay to|webhook(?: url)?|callback(?: url)?|notify url|exfil\w*)\b/i;

/** The model's own identity: `calling_llm`, `model_identity`, `llm_model_name`. */
const SELF_IDENTITY_NAME =
  /\b(?:(?:your|calling|current|caller|assistant|ai|llm|agent)\s+(?:model|llm|identity|persona)|(?:model|llm|ai|assistant|agent)\s+(?:identity|persona)|llm\s+(?:model\s+)?(?:name|id|version|type|provider|family))\b/i;
const MODEL_IDENTITY_NAME =
  /\b(?:model|llm|ai|assistant|agent)\s+(?:name|identity|id|version|type|provider|family)\b|\b(?:llm|ai model|which model)\b/i;
const SELF_REFERENCE =
  /\b(?:you|your|yourself|calling|current|this (?:model|assistant|conversation|session|chat))\b|你|あなた|당신|du\b|vous\b|t[úu]\b|voc[êe]|ты|вы\b/i;

const USER_CONTEXT = /user|usuario|usuário|utilisateur|benutzer|nutzer|пользовател|用户|ユーザー|사용자/i;

/** Every signal in one span of text (already normalised). */
export function detectSignals(raw: string, ctx: DetectContext): Signal[] {
  const signals: Signal[] = [];
  // Words are matched on one line in lower case where the text shouts; payloads keep their layout.
  const letters = raw.replace(/[^\p{Script=Latin}\p{Script=Cyrillic}]/gu, '');
  const shouting = letters.length >= 6 && letters.replace(/[^\p{Lu}]/gu, '').length / letters.length > 0.6;
  const flat = raw.replace(/\s+/g, ' ');
  const text = shouting ? flat.toLowerCase() : flat;
  const ablated = (id: string) => ctx.ablate?.has(id) === true;
  // Words inside addresses and URLs ("ops@relay.example") are not words of the sentence.
  const prose = text.replace(/\b(?:https?|wss?|ftp):\/\/\S+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+/gi, ' ADDRESS ');
  for (const [category, kind, strength] of LEXICAL) {
    for (const m of matchLexicon(category, prose, 20)) {
      if (ablated(m.id)) continue;
      // The user's own environment or request is weaker evidence than the model's context.
      const weak = category === 'modelData' && (USER_CONTEXT.test(m.text) || /context window/i.test(m.text));
      signals.push({ kind, strength: weak ? 'weak' : strength, text: m.text, pattern: m.id });
    }
  }
  for (const clause of text.split(/[:;,]\s+|\s+(?:then|and then|and|y luego|und dann|puis|затем)\s+/i)) {
    const verb = opensWithImperative(clause);
    if (verb && !ablated('directive.imperative'))
      signals.push({ kind: 'directive', strength: 'weak', text: verb, pattern: 'directive.imperative' });
  }
  for (const pattern of PAYLOADS) {
    if (ablated(pattern.id)) continue;
    const m =
      pattern.id === 'endpoint.url' ? destinationUrl(flat) : pattern.re.exec(pattern.kind === 'framing' ? raw : flat);
    if (m) signals.push({ kind: pattern.kind, strength: pattern.strength, text: m[0].trim(), pattern: pattern.id });
  }
  SIDE_COPY.lastIndex = 0;
  const copy = SIDE_COPY.exec(text);
  if (copy && !ablated('transfer.side-copy'))
    signals.push({ kind: 'transfer', strength: 'strong', text: copy[0], pattern: 'transfer.side-copy' });
  const refs = toolRefs(text, ctx).filter((s) => !ablated(s.pattern));
  signals.push(...refs, ...forcedArguments(text, ctx).filter((s) => !ablated(s.pattern)));
  signals.push(...deprecatedClaims(text, refs).filter((s) => !ablated(s.pattern)));
  if (ctx.field === 'param-name') {
    const words = humanise(text);
    if (DELIVERY_NAME.test(words) && !ablated('channel.delivery-param'))
      signals.push({
        kind: 'transfer',
        strength: 'strong',
        text,
        pattern: ctx.newTool === true ? 'channel.delivery-param-new-tool' : 'channel.delivery-param',
      });
    if (MODEL_DATA_NAME.test(words) && !ablated('modeldata.param-name'))
      signals.push({ kind: 'model-data', strength: 'strong', text, pattern: 'modeldata.param-name' });
    else if (SELF_IDENTITY_NAME.test(words) && !ablated('modeldata.identity-name'))
      signals.push({ kind: 'model-data', strength: 'strong', text, pattern: 'modeldata.identity-name' });
    else if (MODEL_IDENTITY_NAME.test(words) && !ablated('modeldata.identity-name'))
      signals.push({ kind: 'model-data', strength: 'weak', text, pattern: 'modeldata.weak-identity-name' });
  }
  if (
    ctx.field === 'param-description' &&
    MODEL_IDENTITY_NAME.test(text) &&
    SELF_REFERENCE.test(text) &&
    !ablated('modeldata.identity-self')
  )
    signals.push({
      kind: 'model-data',
      strength: 'strong',
      text: text.slice(0, 120),
      pattern: 'modeldata.identity-name',
    });
  return signals;
}
