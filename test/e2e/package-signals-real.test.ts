import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

interface JsonFinding {
  code: string;
  severity: string;
  message: string;
}

/**
 * False positives on real consecutive releases from the registry in the user's npm configuration
 * (network needed; MCP_VET_OFFLINE=1 skips). Ordinary releases and a security fix must show up as
 * changes, never as attacks (no high or critical finding).
 */
const PAIRS: Array<[string, string, string]> = [
  ['@modelcontextprotocol/server-memory', '2025.8.4', '2025.9.25'],
  ['@modelcontextprotocol/server-memory', '2025.11.25', '2026.1.26'],
  ['@modelcontextprotocol/server-memory', '2026.1.26', '2026.7.4'],
  ['@modelcontextprotocol/server-filesystem', '2025.3.28', '2025.7.1'],
  ['@modelcontextprotocol/server-filesystem', '2025.7.29', '2025.8.18'],
  ['@modelcontextprotocol/server-filesystem', '2026.7.10', '2026.8.31'],
];

async function diff(name: string, a: string, b: string): Promise<JsonFinding[]> {
  const r = await runCli(['diff', `${name}@${a}`, `${name}@${b}`, '--format', 'json'], { timeoutMs: 180_000 });
  if (!r.stdout.startsWith('{')) throw new Error(`no report (exit ${r.code}): ${r.stderr}`);
  return (JSON.parse(r.stdout) as { findings: JsonFinding[] }).findings;
}

const serious = (findings: JsonFinding[]) =>
  findings.filter((f) => f.severity === 'high' || f.severity === 'critical').map((f) => `${f.code}: ${f.message}`);

describe.skipIf(process.env['MCP_VET_OFFLINE'] === '1')('package diff on real consecutive releases', () => {
  for (const [name, a, b] of PAIRS) {
    it(`${name} ${a} -> ${b}: no high or critical finding`, async () => {
      const findings = await diff(name, a, b);
      expect(serious(findings)).toEqual([]);
      expect(findings.map((f) => f.code)).toContain('package/code-changed');
    }, 200_000);
  }

  it('mcp-remote 0.1.14 -> 0.1.16 (a security fix) shows as a code change, not as an attack', async () => {
    const findings = await diff('mcp-remote', '0.1.14', '0.1.16');
    expect(serious(findings)).toEqual([]);
    const change = findings.find((f) => f.code === 'package/code-changed');
    expect(change?.message).toMatch(/3 changed, 0 added, 0 removed/);
    const r = await runCli(['diff', 'mcp-remote@0.1.14', 'mcp-remote@0.1.16', '--code'], { timeoutMs: 180_000 });
    expect(r.stdout).toContain('+      await open(sanitizeUrl(authorizationUrl.toString()));');
    expect(r.code).toBe(0);
  }, 400_000);
});
