import type { ClientName } from './server.js';

/** Where a literal secret sits in a server entry. */
export interface SecretPlace {
  group: 'env' | 'headers' | 'args' | 'url';
  /** the env or header name, the flag before an argument, or the URL part (`password`, a query name) */
  name: string;
  /** the server's id in the config (names a variable when the place has no name of its own) */
  serverId: string;
  /** the literal as written, for keeping a `Bearer ` prefix; never shown */
  value: string;
}

/**
 * How each client writes a reference to an environment variable (checked against each client's
 * documentation): Claude Code, Gemini CLI, Kiro and Copilot CLI `${NAME}`; VS Code, Cursor and
 * Windsurf `${env:NAME}`; OpenCode `{env:NAME}`. Codex does not expand variables in values: it
 * forwards named variables (`env_vars`, `env_http_headers`, `bearer_token_env_var`). Claude Desktop
 * expands nothing in claude_desktop_config.json.
 */
const SYNTAX: Partial<Record<ClientName, (name: string) => string>> = {
  'claude-code': (n) => `\${${n}}`,
  'gemini-cli': (n) => `\${${n}}`,
  kiro: (n) => `\${${n}}`,
  'copilot-cli': (n) => `\${${n}}`,
  vscode: (n) => `\${env:${n}}`,
  cursor: (n) => `\${env:${n}}`,
  windsurf: (n) => `\${env:${n}}`,
  opencode: (n) => `{env:${n}}`,
};

/** The variable a secret should come from: the env name itself, else one made from the place. */
export function variableName(place: SecretPlace): string {
  const base =
    place.group === 'env'
      ? place.name
      : place.group === 'headers' && /^(authorization|proxy-authorization)$/i.test(place.name)
        ? `${place.serverId}_TOKEN`
        : place.name === '' || place.name === 'password'
          ? `${place.serverId}_${place.name === 'password' ? 'PASSWORD' : 'TOKEN'}`
          : place.name;
  const upper = base
    .replace(/[^A-Za-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .toUpperCase();
  return /^[0-9]/.test(upper) || upper === '' ? `_${upper}` : upper;
}

/** The fix in the client's own syntax, e.g. `env.GITHUB_TOKEN = "${GITHUB_TOKEN}"`. */
export function referenceFix(client: ClientName, place: SecretPlace): string {
  const name = variableName(place);
  if (client === 'codex') return codexFix(place, name);
  const ref = SYNTAX[client];
  if (!ref)
    return `${clientLabel(client)} does not expand environment variables in this file: remove the value, keep it in the environment the server is started with (or a secret store), and keep the file out of version control`;
  const prefix = /^\s*(Bearer|Basic|Token)\s+/i.exec(place.value)?.[0] ?? '';
  switch (place.group) {
    case 'env':
      return `"${place.name}": "${ref(name)}" in env (export ${name} in the environment)`;
    case 'headers':
      return `"${place.name}": "${prefix}${ref(name)}" in headers (export ${name} in the environment)`;
    case 'args':
      return `write ${ref(name)} in place of the value in args (export ${name} in the environment)`;
    case 'url':
      return `write ${ref(name)} in place of the ${place.name === 'password' ? 'password' : `${place.name} value`} in the url (export ${name} in the environment)`;
  }
}

function codexFix(place: SecretPlace, name: string): string {
  switch (place.group) {
    case 'env':
      return `remove ${place.name} from env and add env_vars = ["${name}"] to forward it from the environment`;
    case 'headers':
      return /^authorization$/i.test(place.name) && /^\s*Bearer\s/i.test(place.value)
        ? `remove the header and set bearer_token_env_var = "${name}"`
        : `move it to env_http_headers = { "${place.name}" = "${name}" } (the header's value is read from ${name})`;
    case 'args':
    case 'url':
      return `Codex does not expand variables in ${place.group === 'args' ? 'args' : 'the url'}: have the server read ${name} from its environment and forward it with env_vars = ["${name}"]`;
  }
}

function clientLabel(client: ClientName): string {
  return client === 'claude-desktop' ? 'Claude Desktop' : client;
}
