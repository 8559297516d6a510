import { entropy } from '../text/entropy.js';

/** A literal secret found in a config value: what kind, and a redacted hint. Never the value. */
export interface SecretMatch {
  kind: string;
  /** first 4 characters and the length, e.g. `ghp_… (40 characters)` */
  hint: string;
}

/** Common token formats. Each pattern is tested against the whole value (or a header's credential). */
const FORMATS: ReadonlyArray<readonly [string, RegExp]> = [
  ['private key block', /-----BEGIN [A-Z ]*PRIVATE KEY( BLOCK)?-----/],
  ['GitHub token', /\b(gh[pousr]_[A-Za-z0-9]{30,}|github_pat_[A-Za-z0-9_]{40,})\b/],
  ['npm token', /\bnpm_[A-Za-z0-9]{30,}\b/],
  ['AWS access key ID', /\b(AKIA|ASIA|AGPA|AIDA|AROA)[0-9A-Z]{16}\b/],
  ['Slack token', /\bxox[abposr]-[A-Za-z0-9-]{10,}/],
  ['Anthropic API key', /\bsk-ant-[A-Za-z0-9_-]{20,}/],
  ['OpenAI API key', /\bsk-(proj-|svcacct-|admin-)?[A-Za-z0-9_-]{20,}/],
  ['Stripe key', /\b(sk|rk|pk)_(live|test)_[A-Za-z0-9]{16,}\b/],
  ['Google API key', /\bAIza[0-9A-Za-z_-]{35}\b/],
  ['GitLab token', /\bglpat-[A-Za-z0-9_-]{20,}\b/],
  ['Hugging Face token', /\bhf_[A-Za-z0-9]{30,}\b/],
  ['JSON Web Token', /\beyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}/],
];

/** Names that say the value is a credential. */
const SECRET_NAME =
  /(TOKEN|SECRET|PASSWORD|PASSWD|PASS|API_?KEY|ACCESS_?KEY|PRIVATE_?KEY|CREDENTIAL|AUTH|COOKIE|SESSION|BEARER)/i;

/**
 * A reference to a variable or input instead of a value: `${VAR}`, `${env:VAR}`, `$VAR`,
 * `${input:id}` (VS Code), `{env:VAR}` (OpenCode), `env:VAR`. A value made only of references
 * (and a `Bearer ` prefix) holds no secret.
 */
const REFERENCE =
  /\$\{[A-Za-z_][A-Za-z0-9_:.-]*\}|\$[A-Za-z_][A-Za-z0-9_]*|\{env:[A-Za-z_][A-Za-z0-9_]*\}|^env:[A-Za-z_][A-Za-z0-9_]*$/g;

export function isReferenceOnly(value: string): boolean {
  return (
    value
      .replace(REFERENCE, '')
      .replace(/^\s*(Bearer|Basic|Token)\s*/i, '')
      .trim() === ''
  );
}

/**
 * Decides whether a value written in `env` or `headers` (or a URL query) is a literal secret:
 * a known token format, a private key, a literal `Bearer`/`Basic` credential, or a long
 * high-entropy string (a lower bar when the name says it is a credential).
 */
export function detectSecret(name: string, value: string): SecretMatch | null {
  if (value === '' || isReferenceOnly(value)) return null;
  const literal = value.replace(REFERENCE, '');
  for (const [kind, re] of FORMATS) {
    if (re.test(literal)) return { kind, hint: redact(value) };
  }
  const auth = /^\s*(Bearer|Basic|Token)\s+(\S+)\s*$/i.exec(value);
  if (auth?.[2] && !isReferenceOnly(auth[2]) && auth[2].length >= 8)
    return { kind: `${auth[1]} credential`, hint: redact(value) };
  const named = SECRET_NAME.test(name);
  for (const token of literal.split(/[\s,;]+/)) {
    if (looksRandom(token, named))
      return {
        kind: named ? `literal value of ${name.length > 60 ? 'a credential' : name}` : 'high-entropy string',
        hint: redact(value),
      };
  }
  return null;
}

const NPM_SPEC =
  /^(@[a-z0-9~][a-z0-9._~-]*\/[a-z0-9~][a-z0-9._~-]*(@[0-9A-Za-z.^~<>=*|+ -]+)?|[a-z0-9~][a-z0-9._~-]*@[0-9A-Za-z.^~<>=*|+ -]+)$/;

function looksRandom(token: string, named: boolean): boolean {
  if (/^(https?|file):\/\//i.test(token) || /^[./~]/.test(token) || /^(true|false|null|\d+)$/i.test(token))
    return false;
  // `@scope/name@1.2.3`, `name@^1`: an npm package spec (as after `npx -y`), not a credential
  if (NPM_SPEC.test(token)) return false;
  const minLength = named ? 12 : 24;
  if (token.length < minLength) return false;
  const classes = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^A-Za-z0-9]/].filter((re) => re.test(token)).length;
  if (classes < 2) return false;
  return entropy(token) >= (named ? 3.0 : 4.0);
}

/** The only form in which a secret is ever shown: its first 4 characters and its length. */
export function redact(value: string): string {
  return `${[...value].slice(0, 4).join('')}… (${value.length} characters)`;
}
