import { severityRank, type Severity } from '../findings/severity.js';
import { finding, type Finding } from '../findings/finding.js';
import { isCommentLine, newKeys, type CodeProfile, type CodeScanner } from './code-profile.js';

/**
 * Powerful APIs that a version uses and the approved version did not (over the whole package):
 * child processes, eval / new Function, the vm module, code fetched and then evaluated, and writes
 * to shell profiles, SSH keys or MCP client configurations in the user's home.
 */
export type ApiKind = 'child-process' | 'eval' | 'vm' | 'remote-code' | 'home-write' | 'download-exec';

const SEVERITY: Record<ApiKind, Severity> = {
  'child-process': 'high',
  eval: 'high',
  vm: 'high',
  'remote-code': 'critical',
  'home-write': 'critical',
  'download-exec': 'critical',
};
const LABEL: Record<ApiKind, string> = {
  'child-process': 'child processes (child_process)',
  eval: 'eval / new Function',
  vm: 'the vm module',
  'remote-code': 'code fetched and evaluated at run time',
  'home-write': "writes to sensitive files in the user's home",
  'download-exec': 'a download handed to a shell or interpreter (curl … | sh)',
};

const module = (name: string) =>
  new RegExp(`(?:\\brequire\\s*\\(\\s*|\\bfrom\\s*|\\bimport\\s*\\(\\s*|\\bimport\\s+)['"](?:node:)?${name}['"]`);
const CHILD_PROCESS = [module('child_process'), /process\.binding\(\s*['"](?:spawn_sync|process_wrap)['"]/];
const EVAL = [/(?<![.\w$])eval\s*\(/, /\bnew\s+Function\s*\(/, /(?<![.\w$])Function\s*\(\s*['"`][^'"`]*['"`]\s*,/];
const VM = [module('vm')];
const FETCH = /\bfetch\s*\(|\bhttps?\.(?:get|request)\s*\(|\baxios\b|\bgot\s*\(|\brequest\s*\(|new\s+WebSocket\s*\(/;
const EVALUATE =
  /(?<![.\w$])eval\s*\(|\bnew\s+Function\s*\(|\brunIn(?:New|This)?Context\s*\(|\bnew\s+(?:vm\.)?Script\s*\(|\bcompileFunction\s*\(/;
const REMOTE_IMPORT = /\bimport\s*\(\s*['"`](?:https?:|data:)/;
/**
 * A downloader whose output goes straight to a shell or interpreter, in any string of the code:
 * `curl … | sh`, `wget -O- … | bash`, `iwr … | iex`, `curl -o f … && sh f`.
 */
const DOWNLOAD_EXEC =
  /\b(?:curl|wget|iwr|Invoke-WebRequest|Invoke-RestMethod|irm)\b[^\n|;&]*(?:\|\s*(?:sudo\s+)?(?:ba|z|da|k)?sh\b|\|\s*(?:iex|Invoke-Expression|python3?|node|perl|ruby)\b|(?:&&|;)\s*(?:sudo\s+)?(?:(?:ba|z|da)?sh|chmod\s+\+x)\s)/i;
const WRITE = /\b(?:writeFile|appendFile|createWriteStream|copyFile|symlink|rename|cp)(?:Sync)?\s*\(/;
const SENSITIVE_HOME =
  /(?:\.(?:bashrc|bash_profile|zshrc|zprofile|zshenv|profile|npmrc|gitconfig)\b|config\.fish|\.ssh\b|authorized_keys|id_(?:rsa|ed25519|ecdsa)\b|claude_desktop_config\.json|\.claude\.json|\.cursor[\\/]+mcp\.json|windsurf[\\/]+mcp_config\.json|\.gemini[\\/]+settings\.json|\.codex[\\/]+config\.toml|\.kiro[\\/]|Code[\\/]+User[\\/]+(?:settings|mcp)\.json)/;

export const apiScanner: CodeScanner = {
  id: 'apis',
  scan(file, add) {
    let fetchLine = 0;
    let evalLine = 0;
    let writeLine = 0;
    let homeLine = 0;
    file.lines.forEach((text, i) => {
      if (isCommentLine(text)) return;
      const line = i + 1;
      const hit = (kind: ApiKind, patterns: RegExp[]) => {
        for (const re of patterns) {
          const m = re.exec(text);
          if (m) return add(kind, { line, match: excerpt(text, m.index) });
        }
      };
      if (text.includes('child_process') || text.includes('process.binding')) hit('child-process', CHILD_PROCESS);
      if (text.includes('eval') || text.includes('Function')) hit('eval', EVAL);
      if (text.includes('vm')) hit('vm', VM);
      if (REMOTE_IMPORT.test(text)) hit('remote-code', [REMOTE_IMPORT]);
      if (
        (text.includes('curl') || text.includes('wget') || /\b(?:iwr|irm|Invoke-)/i.test(text)) &&
        DOWNLOAD_EXEC.test(text)
      )
        hit('download-exec', [DOWNLOAD_EXEC]);
      if (!fetchLine && FETCH.test(text)) fetchLine = line;
      if (!evalLine && EVALUATE.test(text)) evalLine = line;
      if (!writeLine && WRITE.test(text)) writeLine = line;
      if (!homeLine && SENSITIVE_HOME.test(text)) homeLine = line;
    });
    if (fetchLine && evalLine) add('remote-code', { line: evalLine, match: excerpt(file.lines[evalLine - 1]!, 0) });
    if (writeLine && homeLine) add('home-write', { line: homeLine, match: excerpt(file.lines[homeLine - 1]!, 0) });
  },
};

/** How much each kind weighs when the version is reviewed on its own (a first pin): using an API is not news. */
const FIRST_PIN_SEVERITY: Record<ApiKind, Severity> = {
  'child-process': 'low',
  eval: 'low',
  vm: 'low',
  'remote-code': 'medium',
  // a write call and a sensitive path somewhere in one file: worth a look, not proof (a sandbox
  // profile that names ~/.bashrc is not an attack)
  'home-write': 'medium',
  'download-exec': 'critical',
};

/**
 * Every dangerous API the version's code uses, for a first pin (no approved version to compare
 * with). In a bundled (minified) file, a combination found anywhere in one long line is weak
 * evidence: it weighs at most medium, except a download handed to a shell.
 */
export function dangerousApiUses(subject: string, profile: CodeProfile, bundled: ReadonlySet<string>): Finding[] {
  return [...(profile.get(apiScanner.id) ?? new Map<string, never>())].map(([key, site]) => {
    const kind = key as ApiKind;
    const weak = bundled.has(site.file) && kind !== 'download-exec' && severityRank(FIRST_PIN_SEVERITY[kind]) > 2;
    return finding('package/dangerous-api-added', {
      subject,
      severity: weak ? 'medium' : FIRST_PIN_SEVERITY[kind],
      location: { kind: 'file', file: site.file, line: site.line },
      message: `${site.file}:${site.line} uses ${LABEL[kind]}`,
      evidence: { api: kind, after: site.match },
    });
  });
}

export function dangerousApiFindings(subject: string, before: CodeProfile, after: CodeProfile): Finding[] {
  return newKeys(before, after, apiScanner.id).map(([key, site]) => {
    const kind = key as ApiKind;
    return finding('package/dangerous-api-added', {
      subject,
      severity: SEVERITY[kind],
      location: { kind: 'file', file: site.file, line: site.line },
      message: `${site.file}:${site.line} uses ${LABEL[kind]}; the approved version does not`,
      evidence: { api: kind, after: site.match },
    });
  });
}

function excerpt(text: string, at: number): string {
  const start = Math.max(0, at - 40);
  return text.slice(start, start + 120).trim();
}
