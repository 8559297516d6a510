import { entropy } from '../text/entropy.js';
import { isLoopback } from './loopback.js';

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
  ['Slack token', /\bxox[abposre]-[A-Za-z0-9-]{10,}|\bxapp-\d-[A-Za-z0-9-]{10,}/],
  ['Slack webhook URL', /\bhooks\.slack\.com\/services\/T[A-Z0-9]+\/B[A-Z0-9]+\/[A-Za-z0-9]{16,}/],
  ['Anthropic API key', /\bsk-ant-[A-Za-z0-9_-]{20,}/],
  ['OpenAI API key', /\bsk-(proj-|svcacct-|admin-)?[A-Za-z0-9_-]{20,}/],
  ['Stripe key', /\b(sk|rk|pk)_(live|test)_[A-Za-z0-9]{16,}\b|\bwhsec_[A-Za-z0-9]{24,}\b/],
  ['Google API key', /\bAIza[0-9A-Za-z_-]{35}\b/],
  ['Google OAuth client secret', /\bGOCSPX-[A-Za-z0-9_-]{20,}/],
  ['GitLab token', /\bgl(pat|ptt|dt|rt|cbt|oas|ft|imt|agent|soat)-[A-Za-z0-9_-]{20,}/],
  ['Hugging Face token', /\bhf_[A-Za-z0-9]{30,}\b/],
  ['Atlassian API token', /\bATATT3[A-Za-z0-9_=-]{40,}/],
  ['Notion token', /\b(ntn_[A-Za-z0-9]{40,}|secret_[A-Za-z0-9]{40,})\b/],
  ['Linear API key', /\blin_(api|oauth)_[A-Za-z0-9]{32,}\b/],
  ['Figma token', /\bfig[dou]_[A-Za-z0-9_-]{30,}/],
  ['Supabase token', /\bsb(p|_secret)_[A-Za-z0-9_]{30,}\b/],
  ['Sentry token', /\bsntry[su]_[A-Za-z0-9_=+/-]{30,}/],
  ['Postman API key', /\bPMAK-[A-Za-z0-9]{24}-[A-Za-z0-9]{34}\b/],
  ['SendGrid API key', /\bSG\.[A-Za-z0-9_-]{16,}\.[A-Za-z0-9_-]{16,}/],
  ['Shopify token', /\bshp(at|ca|pa|ss)_[a-fA-F0-9]{32}\b/],
  ['PyPI token', /\bpypi-[A-Za-z0-9_-]{50,}/],
  ['DigitalOcean token', /\bdo[opr]_v1_[a-f0-9]{64}\b/],
  ['Groq API key', /\bgsk_[A-Za-z0-9]{40,}\b/],
  ['Perplexity API key', /\bpplx-[A-Za-z0-9]{40,}\b/],
  ['xAI API key', /\bxai-[A-Za-z0-9]{60,}\b/],
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
 * Words and shapes that stand for a value to be filled in: `<token>`, `YOUR_API_KEY`, `xxxx…`,
 * `changeme`, `sk-...`. A config full of these is documentation, not a leak.
 */
const PLACEHOLDER =
  /^(<[^<>]*>|\[[^[\]]*\]|\{\{[^{}]*\}\}|%[A-Za-z_][A-Za-z0-9_]*%|.*\b(your|my)[-_ ]?[a-z0-9_-]*(key|token|secret|password|pass|here|value|id)\b.*|.*(placeholder|changeme|change[-_]me|replace[-_ ]?me|redacted|example|dummy|insert[-_ ]|paste[-_ ]|xxxx|\*\*\*\*|\.\.\.|…).*|(password|passwd|pass|secret|token|apikey|api[-_]key|key|none|null|empty|todo|tbd|test|demo|sample|fake|foo|bar)s?)$/i;

export function isPlaceholder(value: string): boolean {
  return PLACEHOLDER.test(value.trim());
}

/** A token whose characters barely vary (`ghp_000…0`, `sk-aaaa…`) is a placeholder shaped like a key. */
function tooUniform(token: string): boolean {
  return new Set(token.replace(/^[A-Za-z]{2,6}[_-]/, '')).size <= 2;
}

/**
 * Decides whether a value written in `env`, `headers` or `args` (or a URL query) is a literal
 * secret: a known token format, a private key, a credential in a URL, a literal `Bearer`/`Basic`
 * credential, or a long high-entropy string (a lower bar when the name says it is a credential).
 * References (`${VAR}`…) and placeholders (`<token>`, `YOUR_KEY`…) are not secrets.
 */
export function detectSecret(name: string, value: string): SecretMatch | null {
  if (value === '' || isReferenceOnly(value) || isPlaceholder(value)) return null;
  const literal = value.replace(REFERENCE, '');
  for (const [kind, re] of FORMATS) {
    const m = re.exec(literal);
    if (m && !tooUniform(m[0])) return { kind, hint: redact(value) };
  }
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(value.trim())) return urlSecret(value.trim());
  const auth = /^\s*(Bearer|Basic|Token)\s+(\S+)\s*$/i.exec(value);
  if (auth?.[2] && !isReferenceOnly(auth[2]) && !isPlaceholder(auth[2]) && auth[2].length >= 8)
    return { kind: `${auth[1]} credential`, hint: redact(value) };
  const named = SECRET_NAME.test(name);
  for (const word of literal.split(/[\s,;]+/)) {
    // a word of a JSON or shell value comes with its quotes and brackets; a secret has none
    const token = word.replace(/^["'`([{<]+|["'`)\]}>:]+$/g, '');
    if (looksRandom(token, named))
      return {
        kind: named ? `literal value of ${name.length > 60 ? 'a credential' : name}` : 'high-entropy string',
        hint: redact(value),
      };
  }
  return null;
}

/** A credential inside a URL: its password, a token as its user name, or a secret query parameter. */
export function urlSecrets(raw: string): Array<SecretMatch & { where: string }> {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return [];
  }
  const out: Array<SecretMatch & { where: string }> = [];
  const password = safeDecode(url.password);
  // a password of a service on this machine (a dev database) opens nothing elsewhere
  if (password && !isReferenceOnly(password) && !isPlaceholder(password) && !isLoopback(url.hostname))
    out.push({ where: 'URL password', kind: 'password in the URL', hint: `… (${password.length} characters)` });
  const user = safeDecode(url.username);
  if (user && !password) {
    const s = detectSecret('', user);
    if (s && s.kind !== 'high-entropy string') out.push({ ...s, where: 'URL user name' });
  }
  for (const [key, value] of url.searchParams) {
    const s = detectSecret(key, value);
    if (s) out.push({ ...s, where: `URL query parameter ${key.slice(0, 60)}` });
  }
  return out;
}

function urlSecret(raw: string): SecretMatch | null {
  const [first] = urlSecrets(raw);
  return first ? { kind: first.kind, hint: first.hint } : null;
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

const NPM_SPEC =
  /^(@[a-z0-9~][a-z0-9._~-]*\/[a-z0-9~][a-z0-9._~-]*(@[0-9A-Za-z.^~<>=*|+ -]+)?|[a-z0-9~][a-z0-9._~-]*@[0-9A-Za-z.^~<>=*|+ -]+)$/;

function looksRandom(token: string, named: boolean): boolean {
  if (/^(https?|file):\/\//i.test(token) || /^[./~]/.test(token) || /^(true|false|null|\d+)$/i.test(token))
    return false;
  // `@scope/name@1.2.3`, `name@^1`: an npm package spec (as after `npx -y`), not a credential
  if (NPM_SPEC.test(token)) return false;
  // ids, hashes and paths are long and varied, but name nothing secret unless the name says so
  if (!named && (UUID.test(token) || /^[0-9a-f]+$/i.test(token) || looksLikePath(token))) return false;
  const minLength = named ? 12 : 24;
  if (token.length < minLength) return false;
  const classes = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^A-Za-z0-9]/].filter((re) => re.test(token)).length;
  if (classes < 2) return false;
  return entropy(token) >= (named ? 3.0 : 4.0);
}

const UUID = /^\{?[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\}?$/i;

function looksLikePath(token: string): boolean {
  return /^[A-Za-z]:[\\/]/.test(token) || token.includes('\\') || /^[\w.-]+(\/[\w.@-]+)+\/?$/.test(token);
}

/** The only form in which a secret is ever shown: its first 4 characters and its length. */
export function redact(value: string): string {
  return `${[...value].slice(0, 4).join('')}… (${value.length} characters)`;
}
