import { describe, expect, it } from 'vitest';
import { detectShape } from '../../../src/core/config/detect-shape.js';
import { serversFromText } from '../../../src/core/config/extract.js';
import { parseJsonc } from '../../../src/core/config/jsonc.js';
import { planRewrite } from '../../../src/core/config/rewrite-plan.js';
import { parseTomlConfig } from '../../../src/core/config/toml.js';
import { applyRewrite } from '../../../src/io/config-edit.js';

const pinned = (name: string) => name === 'srv-a' || name === '@s/srv-b';

function rewrite(file: string, text: string, runOptions: string[] = []): string {
  const format = file.endsWith('.toml') ? 'toml' : 'jsonc';
  const doc = format === 'toml' ? parseTomlConfig(text, file) : parseJsonc(text, file);
  const shape = detectShape(file, doc.value);
  if (!shape) throw new Error('shape');
  return applyRewrite(text, format, planRewrite(serversFromText({ ...shape, file }, text), pinned, runOptions));
}

describe('config rewrite', () => {
  it('JSONC: pinned servers start through mcp-vet run; comments, other servers and server args are kept', () => {
    const text = `{
  // team servers
  "mcpServers": {
    "a": { "command": "npx", "args": ["-y", "srv-a", "/data"] }, /* trailing */
    "b": { "command": "pnpm", "args": ["dlx", "@s/srv-b@1.0.0"], "env": { "K": "v" } },
    "c": { "command": "npx", "args": ["-y", "not-pinned"] },
  }
}
`;
    const out = rewrite('.mcp.json', text);
    expect(out).toContain('// team servers');
    expect(out).toContain('/* trailing */');
    expect(out).toContain('"env": { "K": "v" }');
    const value = parseJsonc(out, 'x').value as { mcpServers: Record<string, { command: string; args: string[] }> };
    expect(value.mcpServers['a']).toEqual({ command: 'npx', args: ['-y', 'mcp-vet', 'run', 'srv-a', '--', '/data'] });
    expect(value.mcpServers['b']?.args).toEqual(['-y', 'mcp-vet', 'run', '@s/srv-b@1.0.0']);
    expect(value.mcpServers['c']?.args).toEqual(['-y', 'not-pinned']);
    // a second rewrite changes nothing
    expect(rewrite('.mcp.json', out)).toBe(out);
  });

  it('TOML (Codex): edited in place, comments and layout kept', () => {
    const text = `# codex
model = "o3"

[mcp_servers.a]
command = "npx" # the runner
args = ["-y", "srv-a"]
`;
    expect(rewrite('.codex/config.toml', text)).toBe(`# codex
model = "o3"

[mcp_servers.a]
command = "npx" # the runner
args = ["-y", "mcp-vet", "run", "srv-a"]
`);
  });

  it('JSONC: only the runner options and the spec are rewritten; layout and comments in the args stay', () => {
    const text = `{
\t"servers": {
\t\t"fs": {
\t\t\t"command": "pnpm",
\t\t\t"args": [
\t\t\t\t"dlx",
\t\t\t\t"srv-a@latest", // the server
\t\t\t\t"\${workspaceFolder}" /* its root */
\t\t\t]
\t\t},
\t\t"b": { "command": "npx", "args": ["-y", "@s/srv-b"] }
\t}
}
`;
    expect(rewrite('.vscode/mcp.json', text)).toBe(`{
\t"servers": {
\t\t"fs": {
\t\t\t"command": "npx",
\t\t\t"args": [
\t\t\t\t"-y",
\t\t\t\t"mcp-vet",
\t\t\t\t"run",
\t\t\t\t"srv-a",
\t\t\t\t"--", // the server
\t\t\t\t"\${workspaceFolder}" /* its root */
\t\t\t]
\t\t},
\t\t"b": { "command": "npx", "args": ["-y", "mcp-vet", "run", "@s/srv-b"] }
\t}
}
`);
  });

  it('run options (the allowlist of a config outside the project) go before the package', () => {
    const text = '{ "mcpServers": { "a": { "command": "npx", "args": ["-y", "srv-a"] } } }\n';
    expect(rewrite('claude_desktop_config.json', text, ['--allowlist', '/p/allowlist'])).toBe(
      '{ "mcpServers": { "a": { "command": "npx", "args": ["-y", "mcp-vet", "run", "--allowlist", "/p/allowlist", "srv-a"] } } }\n',
    );
  });
});
