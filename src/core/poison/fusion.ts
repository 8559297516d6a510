import type { Severity } from '../findings/severity.js';
import type { TextField } from '../manifest-diff/added-text.js';
import type { PoisonCode } from './types.js';
import type { Signal, SignalKind } from './signals/types.js';

/** What a span asks of the model, from the signals found together in it. */
export interface Judgement {
  code: PoisonCode;
  severity: Severity;
  /** The signals that decided it, in the order they explain it. */
  signals: Signal[];
  /** "directive + shell command → high", for the finding's rationale. */
  why: string;
}

/** Parameters are filled by the model: their text is a request to it even without a verb. */
const PARAM_FIELDS: ReadonlySet<TextField> = new Set(['param-name', 'param-description']);

const LABEL: Record<SignalKind, string> = {
  directive: 'directive',
  'instruction-override': 'instruction override',
  shell: 'shell command',
  'host-change': 'change to the host',
  sensitive: 'sensitive data',
  secret: 'secret',
  endpoint: 'external endpoint',
  transfer: 'data transfer',
  read: 'read',
  'tool-ref': 'another tool',
  'deprecated-claim': 'claim that another tool is out of use',
  'argument-override': 'argument override',
  concealment: 'concealment from the user',
  'model-data': 'data about the model or session',
  framing: 'framing',
  obfuscation: 'obfuscation',
  'security-downgrade': 'security control waived',
  preference: 'advertising claim',
  'user-data': 'user data in bulk',
};

interface Intent {
  code: PoisonCode;
  severity: Severity;
  parts: Signal[];
}

const RANK: Record<Severity, number> = { info: 0, low: 1, medium: 2, high: 3, critical: 4 };

/**
 * Advertising over a whole field: three or more distinct claims (ratings, endorsements,
 * superlatives, urgency, disparaging others, "use this tool first") are high, one or two medium.
 */
export function fusePreference(signals: readonly Signal[]): Judgement | undefined {
  const claims = signals.filter((s) => s.kind === 'preference');
  const kinds = new Set(claims.map((c) => c.pattern));
  if (claims.length === 0) return undefined;
  const severity: Severity = kinds.size >= 3 || claims.length >= 4 ? 'high' : 'medium';
  const parts = dedupe(claims).slice(0, 5);
  return {
    code: 'poison/preference-manipulation',
    severity,
    signals: parts,
    why: `${kinds.size} kinds of advertising claim → ${severity}`,
  };
}

/**
 * Severity from the signals of one span:
 * - a directive with a dangerous payload (shell, host change, sensitive read, sending data to an
 *   endpoint, an argument override, an order about another tool, model data) is high;
 * - with concealment from the user, critical; concealment with nothing else, high;
 * - a payload without a directive is medium; a directive alone low, or medium when framed;
 * - obfuscation or markup around a directive or payload lifts it to at least high.
 */
/** Verbs that move data out, as opposed to those that describe an input (include, provide, pass). */
const OUTBOUND =
  /^(?:send|sent|forward|post|upload|e-?mail|mail|transmit|transfer|leak|report|submit|deliver|cop|cc|bcc|relay|exfiltrat|sync|mirror|shar|env[íi]|envi[ae]|reenv|encaminh|mand|compart|envoy|envoi|transf|partag|schick|weiterl|leit|hochlad|übermittel|teil|mitsend|отправ|перешл|пересыл|переда|发|转发|上传|抄送|密送|分享|共享|传|送|転送|アップロード|共有|보내|전송|전달|업로드|공유)/i;

export interface FuseOptions {
  /** The parameter is required: asking for the model's identity there is high, optional medium. */
  required?: boolean;
}

export function fuse(signals: readonly Signal[], field: TextField, options: FuseOptions = {}): Judgement | undefined {
  if (signals.length === 0) return undefined;
  const of = (k: SignalKind) => signals.filter((s) => s.kind === k);
  const strong = (k: SignalKind) => signals.filter((s) => s.kind === k && s.strength === 'strong');
  const param = PARAM_FIELDS.has(field);
  const directives = of('directive');
  const strongDirective = directives.filter((d) => d.strength === 'strong');
  const anyDirective = directives.length > 0;
  const override = of('instruction-override');
  const conceal = of('concealment');
  const framing = of('framing');
  const markup = framing.filter((f) => f.strength === 'strong');
  const obfuscation = of('obfuscation').filter((o) => o.strength === 'strong');
  const decodeWord = of('obfuscation').filter((o) => o.strength === 'weak');
  const transfer = of('transfer');
  const read = of('read');
  const endpoints = of('endpoint');
  const directed = anyDirective || override.length > 0 || conceal.length > 0;
  const firmlyDirected = strongDirective.length > 0 || override.length > 0 || conceal.length > 0;

  const intents: Intent[] = [];
  const add = (code: PoisonCode, severity: Severity, parts: Signal[]) => intents.push({ code, severity, parts });

  const shell = of('shell');
  if (shell.length > 0) {
    const dangerous = shell.filter((s) => s.strength === 'strong');
    if (firmlyDirected || (anyDirective && dangerous.length > 0))
      add('poison/shell-command', 'high', [...directives.slice(0, 1), ...override.slice(0, 1), ...shell.slice(0, 2)]);
    else add('poison/shell-command', 'medium', shell.slice(0, 2));
  }
  const host = of('host-change');
  if (host.length > 0) {
    const concrete = strong('host-change');
    if (firmlyDirected || (anyDirective && concrete.length > 0))
      add('poison/host-modification', 'high', [...directives.slice(0, 1), ...host.slice(0, 2)]);
    else if (concrete.length > 0 || anyDirective) add('poison/host-modification', 'medium', host.slice(0, 2));
  }
  const sensitive = strong('sensitive');
  const secrets = of('secret');
  if (sensitive.length > 0) {
    const moved = [...read, ...transfer];
    const asksContents =
      /\b(?:contents?|content from|value of|text of)\b|内容|内容|내용|conte[nú]|contenu|inhalt|содержим/i.test(
        signals.map((s) => s.text).join(' ') + ' ' + sensitive.map((s) => s.text).join(' '),
      );
    if ((directed && moved.length > 0) || (param && (moved.length > 0 || asksContents)))
      add('poison/sensitive-path', 'high', [...directives.slice(0, 1), ...moved.slice(0, 1), ...sensitive.slice(0, 2)]);
    else add('poison/sensitive-path', 'medium', [...moved.slice(0, 1), ...sensitive.slice(0, 2)]);
  } else if (secrets.length > 0) {
    const sent = transfer.filter((t) => OUTBOUND.test(t.text));
    if (firmlyDirected && (sent.length > 0 || read.length > 0) && (sent.length > 0 || endpoints.length > 0))
      add('poison/secret-reference', 'high', [
        ...directives.slice(0, 1),
        ...transfer.slice(0, 1),
        ...read.slice(0, 1),
        secrets[0]!,
      ]);
    else if (anyDirective && transfer.length > 0 && endpoints.length > 0)
      add('poison/secret-reference', 'high', [directives[0]!, transfer[0]!, secrets[0]!, endpoints[0]!]);
  }
  const outbound = transfer.filter((t) => OUTBOUND.test(t.text));
  if (endpoints.length > 0 && outbound.length > 0) {
    const sideCopy = transfer.filter((t) => t.pattern === 'transfer.side-copy');
    const concrete = endpoints.filter((e) => e.pattern !== 'endpoint.url' || e.strength === 'strong');
    if (directed || sideCopy.length > 0 || (concrete.length > 0 && strong('endpoint').length > 0))
      add('poison/exfiltration-instruction', 'high', [
        ...directives.slice(0, 1),
        ...outbound.slice(0, 1),
        endpoints[0]!,
      ]);
    else add('poison/exfiltration-instruction', 'medium', [outbound[0]!, endpoints[0]!]);
  } else if (endpoints.length > 0 && strong('endpoint').length > 0 && directed) {
    add('poison/exfiltration-instruction', 'medium', [
      directives[0] ?? override[0] ?? conceal[0]!,
      strong('endpoint')[0]!,
    ]);
  }
  const forced = of('argument-override');
  if (forced.length > 0) add('poison/argument-override', 'high', [...directives.slice(0, 1), ...forced.slice(0, 2)]);
  const refs = of('tool-ref').filter((r) => r.scope !== 'self' && r.scope !== 'others');
  const deprecated = of('deprecated-claim');
  if (refs.length > 0) {
    const foreign = refs.filter((r) => r.scope === 'foreign');
    if (deprecated.length > 0) add('poison/tool-shadowing', 'high', [deprecated[0]!, refs[0]!]);
    else if (foreign.length > 0 && firmlyDirected)
      add('poison/tool-shadowing', 'high', [...strongDirective.slice(0, 1), ...override.slice(0, 1), foreign[0]!]);
    else if (foreign.length > 0 && anyDirective) add('poison/tool-shadowing', 'medium', [directives[0]!, foreign[0]!]);
    else if (firmlyDirected) add('poison/tool-shadowing', 'low', [strongDirective[0] ?? override[0]!, refs[0]!]);
  }
  const delivery = transfer.filter((t) => t.pattern.startsWith('channel.delivery-param'));
  if (delivery.length > 0)
    add(
      'poison/exfiltration-parameter',
      delivery.some((d) => d.pattern === 'channel.delivery-param') ? 'high' : 'medium',
      delivery.slice(0, 1),
    );
  const modelData = of('model-data');
  if (modelData.length > 0) {
    const asked = modelData.filter((m) => m.strength === 'strong');
    const identityOnly =
      asked.length > 0 &&
      asked.every(
        (m) =>
          m.pattern === 'modeldata.identity-name' ||
          (/model|llm|\bai\b|assistant|模型|モデル|모델|modell|modèle|modelo|модел/i.test(m.text) &&
            !/prompt|conversation|history|messages|tools?\b|instructions|context|对话|会話|대화/i.test(m.text)),
      );
    const requested =
      field === 'param-name' ||
      transfer.length > 0 ||
      /\b(?:you|your|yourself)\b|你|あなた|당신/i.test(signals.map((x) => x.text).join(' '));
    if (param && asked.length > 0 && requested)
      add('poison/exfiltration-parameter', identityOnly && !options.required ? 'medium' : 'high', asked.slice(0, 2));
    else if (asked.length > 0 && directed && !param && transfer.length > 0)
      add('poison/exfiltration-parameter', identityOnly ? 'medium' : 'high', [
        ...directives.slice(0, 1),
        ...transfer.slice(0, 1),
        asked[0]!,
      ]);
    else add('poison/exfiltration-parameter', param ? 'medium' : 'low', modelData.slice(0, 1));
  }
  if (override.length > 0) add('poison/model-directive', 'high', override.slice(0, 2));
  const downgrade = of('security-downgrade');
  if (downgrade.length > 0) {
    const firm = downgrade.filter((d) => d.strength === 'strong');
    if (
      firmlyDirected ||
      (markup.length > 0 && firm.length > 0) ||
      (anyDirective && firm.length > 0 && framing.length > 0)
    )
      add('poison/security-downgrade', 'high', [
        ...strongDirective.slice(0, 1),
        ...override.slice(0, 1),
        ...markup.slice(0, 1),
        ...downgrade.slice(0, 2),
      ]);
    else add('poison/security-downgrade', 'medium', downgrade.slice(0, 2));
  }
  const userData = of('user-data');
  if (
    userData.length > 0 &&
    transfer.length > 0 &&
    directed &&
    !intents.some((i) => i.code === 'poison/exfiltration-instruction')
  )
    add(
      'poison/exfiltration-instruction',
      endpoints.length > 0 || markup.length > 0 || firmlyDirected ? 'high' : 'medium',
      [...directives.slice(0, 1), transfer[0]!, userData[0]!, ...endpoints.slice(0, 1)],
    );
  const preference = of('preference');
  const others = of('tool-ref').filter((r) => r.scope === 'others');
  if (
    others.length > 0 &&
    (firmlyDirected || anyDirective) &&
    (preference.length > 0 ||
      deprecated.length > 0 ||
      /\b(?:ignore|do not use|don'?t use|never use|avoid|instead of|over|rather than)\b/i.test(
        directives.map((d) => d.text).join(' ') + ' ' + others.map((o) => o.text).join(' '),
      ))
  )
    add('poison/preference-manipulation', 'high', [...directives.slice(0, 1), others[0]!, ...preference.slice(0, 1)]);

  let best = intents.reduce<Intent | undefined>(
    (b, i) => (!b || RANK[i.severity] > RANK[b.severity] ? i : b),
    undefined,
  );
  const payloadFound = best !== undefined && best.severity !== 'low';
  if (conceal.length > 0) {
    const severity: Severity = payloadFound || anyDirective ? 'critical' : 'high';
    best = {
      code: 'poison/secrecy-directive',
      severity,
      parts: [...conceal.slice(0, 1), ...(best?.parts ?? directives.slice(0, 1))],
    };
  }
  if (
    best &&
    (obfuscation.length > 0 || (markup.length > 0 && RANK[best.severity] >= RANK.medium)) &&
    RANK[best.severity] < RANK.high
  ) {
    best = {
      ...best,
      severity: 'high',
      parts: [...best.parts, ...(obfuscation.length > 0 ? obfuscation : markup).slice(0, 1)],
    };
  }
  if (!best && obfuscation.length > 0 && (decodeWord.length > 0 || directed))
    best = {
      code: 'poison/encoded-payload',
      severity: 'high',
      parts: [...obfuscation.slice(0, 1), ...decodeWord.slice(0, 1), ...directives.slice(0, 1)],
    };
  if (!best && markup.length > 0 && firmlyDirected)
    best = {
      code: 'poison/hidden-instruction-markup',
      severity: 'high',
      parts: [markup[0]!, strongDirective[0] ?? override[0]!],
    };
  if (!best && strongDirective.length > 0) {
    const framed = framing.length > 0 || markup.length > 0;
    best = {
      code: 'poison/model-directive',
      severity: framed ? 'medium' : 'low',
      parts: [strongDirective[0]!, ...framing.slice(0, 1)],
    };
  }
  if (!best && markup.length > 0)
    best = { code: 'poison/hidden-instruction-markup', severity: 'medium', parts: markup.slice(0, 1) };
  if (!best) return undefined;
  const parts = dedupe(best.parts);
  return {
    code: best.code,
    severity: best.severity,
    signals: parts,
    why: `${parts.map((s) => LABEL[s.kind]).join(' + ')} → ${best.severity}`,
  };
}

function dedupe(signals: readonly Signal[]): Signal[] {
  const seen = new Set<string>();
  return signals.filter((s) => {
    const key = `${s.kind}\u0000${s.text}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
