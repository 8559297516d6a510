import { readdir, readFile } from 'node:fs/promises';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { detectShape } from '../core/config/detect-shape.js';
import { parseJsonc } from '../core/config/jsonc.js';
import type { ClientName, ConfigShape, ConfigSource } from '../core/config/server.js';
import { VetError } from '../core/errors.js';

/** A config file found, with its text. */
export interface ConfigFile {
  source: ConfigSource;
  text: string;
}

export interface DiscoveryInput {
  /** the project directory (default scope) */
  cwd: string;
  /** --user: also the user's own client configs, under `home` */
  user?: { home: string; platform: NodeJS.Platform; env?: NodeJS.ProcessEnv };
  /** --config FILE (repeatable): when given, only these files are read (plus --user) */
  explicit?: string[];
}

/** Project scope: files a repository commits, relative to its root. */
const PROJECT_FILES: ReadonlyArray<readonly [string, ClientName, ConfigShape]> = [
  ['.mcp.json', 'claude-code', 'mcpServers'],
  ['.cursor/mcp.json', 'cursor', 'mcpServers'],
  ['.vscode/mcp.json', 'vscode', 'vscode'],
  ['.vscode/settings.json', 'vscode', 'vscode-settings'],
  ['.gemini/settings.json', 'gemini-cli', 'mcpServers'],
  ['.codex/config.toml', 'codex', 'codex'],
  ['.kiro/settings/mcp.json', 'kiro', 'mcpServers'],
  ['opencode.json', 'opencode', 'opencode'],
  ['opencode.jsonc', 'opencode', 'opencode'],
];

/**
 * Finds and reads the MCP client configs: the project's by default, the user's with --user, or
 * the files given with --config. A discovered file that does not exist is skipped; a --config file
 * that does not exist is an error (exit 2).
 */
export async function discoverConfigs(input: DiscoveryInput): Promise<ConfigFile[]> {
  const out: ConfigFile[] = [];
  if (input.explicit && input.explicit.length > 0) {
    for (const file of input.explicit) out.push(await explicitConfig(resolve(input.cwd, file), input.cwd));
  } else {
    for (const [rel, client, shape] of PROJECT_FILES) {
      const text = await readOptional(join(input.cwd, rel));
      if (text !== null) out.push({ source: { client, shape, file: rel, baseDir: input.cwd }, text });
    }
  }
  if (input.user) {
    for (const [path, client, shape] of await userFiles(input.user)) {
      const text = await readOptional(path);
      if (text !== null)
        out.push({ source: { client, shape, file: displayUser(path, input.user.home), baseDir: dirname(path) }, text });
    }
  }
  return out;
}

/**
 * The files a pre-commit hook passes (`check --only secrets FILE…`): each is read and its client
 * detected from its name and content; a file with no MCP server section (a settings.json or
 * config.toml of something else) is skipped, not an error. A file that cannot be read or parsed is.
 */
export async function readCandidateConfigs(
  files: readonly string[],
  cwd: string,
): Promise<{ configs: ConfigFile[]; skipped: string[] }> {
  const configs: ConfigFile[] = [];
  const skipped: string[] = [];
  for (const file of files) {
    const path = resolve(cwd, file);
    const shown = displayPath(path, cwd);
    const text = await readOptional(path);
    if (text === null) throw new VetError('NOT_FOUND', `${shown}: no such file`, { details: { file: shown } });
    const detected = detectShape(path, /\.toml$/i.test(path) ? null : parseJsonc(text, shown).value);
    if (detected) configs.push({ source: { ...detected, file: shown, baseDir: dirname(path) }, text });
    else skipped.push(shown);
  }
  return { configs, skipped };
}

async function explicitConfig(path: string, cwd: string): Promise<ConfigFile> {
  const shown = displayPath(path, cwd);
  const text = await readOptional(path);
  if (text === null) throw new VetError('NOT_FOUND', `--config ${shown}: no such file`, { details: { file: shown } });
  const value = /\.toml$/i.test(path) ? null : parseJsonc(text, shown).value;
  const detected = detectShape(path, value);
  if (!detected)
    throw new VetError(
      'INVALID_FILE',
      `--config ${shown}: no MCP server section found (mcpServers, servers, mcp.servers, mcp or mcp_servers)`,
      { details: { file: shown } },
    );
  return { source: { ...detected, file: shown, baseDir: cwd }, text };
}

/** The user-scope config files of every supported client, for this platform. */
export async function userFiles(user: {
  home: string;
  platform: NodeJS.Platform;
  env?: NodeJS.ProcessEnv;
}): Promise<Array<readonly [string, ClientName, ConfigShape]>> {
  const { home, platform } = user;
  const env = user.env ?? {};
  const appData =
    platform === 'darwin'
      ? join(home, 'Library', 'Application Support')
      : platform === 'win32'
        ? env['APPDATA'] || join(home, 'AppData', 'Roaming')
        : env['XDG_CONFIG_HOME'] || join(home, '.config');
  const files: Array<readonly [string, ClientName, ConfigShape]> = [
    [join(appData, 'Claude', 'claude_desktop_config.json'), 'claude-desktop', 'mcpServers'],
    [join(home, '.claude.json'), 'claude-code', 'claude-user'],
    [join(home, '.cursor', 'mcp.json'), 'cursor', 'mcpServers'],
    [join(home, '.codeium', 'windsurf', 'mcp_config.json'), 'windsurf', 'mcpServers'],
    [join(home, '.gemini', 'settings.json'), 'gemini-cli', 'mcpServers'],
    [join(env['CODEX_HOME'] || join(home, '.codex'), 'config.toml'), 'codex', 'codex'],
    [join(home, '.kiro', 'settings', 'mcp.json'), 'kiro', 'mcpServers'],
    [join(platform === 'win32' ? join(home, '.config') : appData, 'opencode', 'opencode.json'), 'opencode', 'opencode'],
    [join(home, '.copilot', 'mcp-config.json'), 'copilot-cli', 'mcpServers'],
  ];
  for (const product of ['Code', 'Code - Insiders']) {
    const userDir = join(appData, product, 'User');
    const dirs = [userDir, ...(await subdirs(join(userDir, 'profiles')))];
    for (const dir of dirs) {
      files.push(
        [join(dir, 'mcp.json'), 'vscode', 'vscode'],
        [join(dir, 'settings.json'), 'vscode', 'vscode-settings'],
      );
    }
  }
  return files;
}

async function subdirs(dir: string): Promise<string[]> {
  try {
    return (await readdir(dir, { withFileTypes: true }))
      .filter((d) => d.isDirectory())
      .map((d) => join(dir, d.name))
      .sort();
  } catch {
    return [];
  }
}

async function readOptional(path: string): Promise<string | null> {
  try {
    return await readFile(path, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return null;
    throw new VetError('INVALID_FILE', `cannot read ${path}: ${code ?? (err as Error).message}`, {
      cause: err,
      details: { file: path },
    });
  }
}

function displayUser(path: string, home: string): string {
  const rel = relative(home, path);
  return rel && !rel.startsWith('..') && !isAbsolute(rel) ? `~/${rel.split(sep).join('/')}` : path;
}

function displayPath(path: string, cwd: string): string {
  const rel = relative(cwd, path);
  return rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel.split(sep).join('/') : path;
}
