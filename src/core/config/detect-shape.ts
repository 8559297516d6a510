import type { ClientName, ConfigShape } from './server.js';

/**
 * Which client and layout a file given with --config has: from its name first (config.toml,
 * .claude.json, opencode.json, .vscode/…), then from its top-level keys. null when it has no
 * recognisable server section.
 */
export function detectShape(path: string, value: unknown): { client: ClientName; shape: ConfigShape } | null {
  const p = `/${path.replace(/\\/g, '/')}`;
  const name = p.split('/').pop() ?? p;
  if (/\.toml$/i.test(name)) return { client: 'codex', shape: 'codex' };
  const root =
    value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
  if (
    name === '.claude.json' ||
    (root['projects'] !== undefined && root['mcpServers'] === undefined && typeof root['projects'] === 'object')
  )
    return { client: 'claude-code', shape: 'claude-user' };
  if (/^opencode\.jsonc?$/.test(name)) return { client: 'opencode', shape: 'opencode' };
  if (name === 'claude_desktop_config.json') return { client: 'claude-desktop', shape: 'mcpServers' };
  if (name === 'mcp_config.json' && p.includes('windsurf')) return { client: 'windsurf', shape: 'mcpServers' };
  if (name === 'mcp-config.json' && p.includes('.copilot')) return { client: 'copilot-cli', shape: 'mcpServers' };
  if (root['mcpServers'] !== undefined) {
    if (p.includes('/.cursor/')) return { client: 'cursor', shape: 'mcpServers' };
    if (p.includes('/.gemini/')) return { client: 'gemini-cli', shape: 'mcpServers' };
    if (p.includes('/.kiro/')) return { client: 'kiro', shape: 'mcpServers' };
    return { client: 'claude-code', shape: 'mcpServers' };
  }
  if (root['servers'] !== undefined) return { client: 'vscode', shape: 'vscode' };
  const mcp = root['mcp'];
  if (mcp !== null && typeof mcp === 'object' && (mcp as Record<string, unknown>)['servers'] !== undefined)
    return { client: 'vscode', shape: 'vscode-settings' };
  if (root['mcp.servers'] !== undefined) return { client: 'vscode', shape: 'vscode-settings' };
  if (mcp !== null && typeof mcp === 'object') return { client: 'opencode', shape: 'opencode' };
  return null;
}
