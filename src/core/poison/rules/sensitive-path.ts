import { asWords, matchPatterns, type Pattern } from '../match.js';
import type { PoisonRule } from '../types.js';

/**
 * Paths and files that hold keys, tokens and client configuration: SSH and cloud credentials,
 * dotenv files, MCP client configs, password databases, or any file named after a secret; also
 * path traversal. A tool description has no reason to point the model at them.
 */
const PATTERNS: Pattern[] = [
  {
    re: /~\/\.(?:ssh|aws|gnupg|kube|docker|azure|config\/gcloud|npmrc|netrc|pgpass|pypirc|git-credentials|bash_history|zsh_history|cursor|claude|codeium|vscode)\b/gi,
    why: 'credential directory in the home folder',
  },
  { re: /(?:^|[^\w])\.ssh\/|\bid[_ ]?(?:rsa|dsa|ecdsa|ed25519)\b|\bauthorized[_ ]keys\b/gi, why: 'SSH key' },
  { re: /(?:^|[\s'"`(/])\.env(?:\.[\w-]+)?\b/g, why: 'dotenv file' },
  { re: /\/etc\/(?:passwd|shadow|sudoers|ssh)\b/gi, why: 'system credential file' },
  {
    re: /\b(?:mcp\.json|claude_desktop_config\.json|credentials\.json|\.npmrc|\.netrc|\.pypirc|\.git-credentials|known_hosts|wallet\.dat|login\.keychain|\.kdbx|\.pem|\.p12|\.pfx|kubeconfig)\b/gi,
    why: 'credential or client configuration file',
  },
  {
    re: /[\w.~/-]*(?:secret|credential|passw(?:or)?d|token|private[_-]?key|api[_-]?key)[\w.-]*\.(?:txt|json|ya?ml|env|key|pem|ini|conf|cfg|toml|xml)\b/gi,
    why: 'file named after a secret',
  },
  { re: /\bpath traversal\b|(?:\.\.[/\\]){1,}/gi, why: 'path traversal' },
  {
    re: /\b(?:ssh|gpg|pgp)\s+(?:private\s+)?keys?\b|\bprivate\s+keys?\b|\bseed phrase\b|\brecovery phrase\b/gi,
    why: 'private key material',
  },
];

export const sensitivePath: PoisonRule = {
  code: 'poison/sensitive-path',
  check: (items) => matchPatterns(asWords(items), PATTERNS),
};
