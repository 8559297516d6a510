/** The MCP clients whose config files `check` reads. */
export const CLIENTS = [
  'claude-code',
  'claude-desktop',
  'cursor',
  'vscode',
  'windsurf',
  'gemini-cli',
  'codex',
  'kiro',
  'opencode',
  'copilot-cli',
] as const;
export type ClientName = (typeof CLIENTS)[number];

/**
 * Where the servers sit in a file:
 * - mcpServers: `{"mcpServers": {id: entry}}` (Claude Desktop, .mcp.json, Cursor, Windsurf, Gemini, Kiro, Copilot CLI)
 * - claude-user: ~/.claude.json: top-level `mcpServers` and `projects.<path>.mcpServers`
 * - vscode: `{"servers": {…}}` (mcp.json)
 * - vscode-settings: settings.json `"mcp": {"servers": {…}}`
 * - codex: TOML `[mcp_servers.<id>]`
 * - opencode: `{"mcp": {id: {type: local|remote, command: [...], environment, url, headers}}}`
 */
export type ConfigShape = 'mcpServers' | 'claude-user' | 'vscode' | 'vscode-settings' | 'codex' | 'opencode';

/** One config file to read: which client, which layout, and how to show its path. */
export interface ConfigSource {
  client: ClientName;
  shape: ConfigShape;
  /** the path as shown in findings and SARIF (relative to the working directory, or ~/…) */
  file: string;
  /** the directory a relative `node node_modules/...` is resolved from */
  baseDir?: string;
}

/** One server as configured in a client file, normalised across clients. */
export interface ConfiguredServer {
  client: ClientName;
  file: string;
  /** line of the server's entry (1-based) */
  line: number;
  /** the server's name in the config */
  id: string;
  /** Claude Code per-project scope: the project path of `projects.<path>.mcpServers` */
  scope?: string;
  /** JSON pointer of the entry in the file */
  pointer: string;
  command?: string;
  args: string[];
  env: Record<string, string>;
  url?: string;
  headers: Record<string, string>;
  /** stdio | http | sse | local | remote …, as written */
  type?: string;
  /** `disabled: true` or `enabled: false`; disabled servers are still checked (one toggle from running) */
  disabled?: boolean;
  /** lines of fields: `env/NAME`, `headers/NAME`, `url`, `command`, `args` */
  fieldLines: Record<string, number>;
  baseDir?: string;
}

/** `file#id`, or `file#scope:id` for a per-project scope: the finding subject of a configured server. */
export function serverSubject(s: Pick<ConfiguredServer, 'file' | 'id' | 'scope'>): string {
  return `${s.file}#${s.scope ? `${s.scope}:` : ''}${s.id}`;
}
