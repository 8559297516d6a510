import { describe, expect, it } from 'vitest';
import { detectShape } from '../../../src/core/config/detect-shape.js';
import { serversFromText } from '../../../src/core/config/extract.js';
import { parseJsonc } from '../../../src/core/config/jsonc.js';
import { planRewrite } from '../../../src/core/config/rewrite-plan.js';
import { parseTomlConfig } from '../../../src/core/config/toml.js';
import { applyRewrite } from '../../../src/io/config-edit.js';

const pinned = (name: string) => name === 'srv-a' || name === '@s/srv-b';

function rewrite(file: string, text: string): string {
  const format = file.endsWith('.toml') ? 'toml' : 'jsonc';
  const doc = format === 'toml' ? parseTomlConfig(text, file) : parseJsonc(text, file);
  const shape = detectShape(file, doc.value);
  if (!shape) throw new Error('shape');
  return applyRewrite(text, format, planRewrite(serversFromText({ ...shape, file }, text), pinned));
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
});
