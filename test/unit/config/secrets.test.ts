import { describe, expect, it } from 'vitest';
import { detectShape } from '../../../src/core/config/detect-shape.js';
import { serversFromText } from '../../../src/core/config/extract.js';
import { parseJsonc } from '../../../src/core/config/jsonc.js';
import { secretFindings } from '../../../src/core/config/secret-findings.js';
import type { Finding } from '../../../src/core/findings/finding.js';

/** Deterministic random-looking strings, so no real-looking token is written in the repository. */
function noise(
  length: number,
  seed: number,
  alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789',
): string {
  let x = seed;
  let out = '';
  for (let i = 0; i < length; i++) {
    x = (Math.imul(x, 1103515245) + 12345) >>> 0;
    out += alphabet[(x >>> 16) % alphabet.length];
  }
  return out;
}
const HEX = '0123456789abcdef';

function findingsOf(path: string, text: string): Finding[] {
  const shape = detectShape(path, /\.toml$/.test(path) ? null : parseJsonc(text, path).value);
  if (!shape) throw new Error(`no shape for ${path}`);
  return serversFromText({ ...shape, file: path }, text).flatMap(secretFindings);
}
const mcp = (server: Record<string, unknown>) => JSON.stringify({ mcpServers: { srv: server } });

describe('check --only secrets: known formats, anywhere in a server entry', () => {
  const tokens: Array<[string, string]> = [
    ['GitHub token', `ghp_${noise(36, 1)}`],
    ['GitHub token', `github_pat_${noise(22, 2)}_${noise(59, 3)}`],
    ['GitLab token', `glpat-${noise(20, 4)}`],
    ['Slack token', `xoxb-${noise(12, 5, '0123456789')}-${noise(13, 6, '0123456789')}-${noise(24, 7)}`],
    ['OpenAI API key', `sk-proj-${noise(48, 8)}`],
    ['Anthropic API key', `sk-ant-api03-${noise(80, 9)}`],
    ['AWS access key ID', `AKIA${noise(16, 10, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567')}`],
    ['Google API key', `AIza${noise(35, 11)}`],
    ['Stripe key', `sk_live_${noise(24, 12)}`],
    ['npm token', `npm_${noise(36, 13)}`],
    ['JSON Web Token', `eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.${noise(43, 14)}`],
    ['private key block', `-----BEGIN RSA PRIVATE KEY-----\n${noise(64, 15)}\n-----END RSA PRIVATE KEY-----`],
  ];

  it.each(tokens)('%s in env, a header, an argument and a URL query, redacted', (kind, token) => {
    const places = [
      mcp({ command: 'npx', args: ['-y', 'srv@1.0.0'], env: { SOME_SETTING: token } }),
      mcp({ type: 'http', url: 'https://mcp.example.test/mcp', headers: { 'X-Api-Key': token } }),
      mcp({ command: 'npx', args: ['-y', 'srv@1.0.0', token] }),
      mcp({ type: 'http', url: `https://mcp.example.test/mcp?key=${encodeURIComponent(token)}` }),
    ];
    for (const text of places) {
      const found = findingsOf('.mcp.json', text);
      expect(
        found.map((f) => [f.code, f.evidence?.['kind']]),
        text,
      ).toEqual([['config/literal-secret', kind]]);
      const shown = JSON.stringify(found);
      expect(shown).not.toContain(token.slice(6, 16));
    }
  });

  it('high-entropy values under credential names, literal Bearer credentials, URL passwords and user tokens', () => {
    const value = noise(32, 20);
    expect(findingsOf('.mcp.json', mcp({ command: 'srv', env: { SERVICE_API_KEY: value } })).length).toBe(1);
    expect(findingsOf('.mcp.json', mcp({ command: 'srv', args: ['--auth-token', value] })).length).toBe(1);
    expect(findingsOf('.mcp.json', mcp({ command: 'srv', args: [`--client-secret=${value}`] })).length).toBe(1);
    expect(
      findingsOf('.mcp.json', mcp({ url: 'https://mcp.example.test/', headers: { Authorization: `Bearer ${value}` } }))
        .length,
    ).toBe(1);
    expect(
      findingsOf('.mcp.json', mcp({ command: 'srv', args: [`postgresql://app:${value}@db.internal.test/prod`] })).map(
        (f) => f.evidence?.['kind'],
      ),
    ).toEqual(['password in the URL']);
    expect(
      findingsOf('.mcp.json', mcp({ url: `https://ghp_${noise(36, 21)}@git.example.test/mcp` })).map(
        (f) => f.evidence?.['kind'],
      ),
    ).toEqual(['GitHub token']);
  });
});

describe('check --only secrets: no false alarms on ordinary configs', () => {
  it('placeholders, references, paths, ids, package specs and ordinary arguments are not secrets', () => {
    const benign = {
      mcpServers: {
        filesystem: {
          command: 'npx',
          args: [
            '-y',
            '@modelcontextprotocol/server-filesystem@2025.8.21',
            '/Users/dev/Documents/projects',
            'C:\\Users\\dev\\Desktop',
          ],
        },
        github: { command: 'npx', args: ['-y', 'srv@1.0.0'], env: { GITHUB_PERSONAL_ACCESS_TOKEN: '${GITHUB_TOKEN}' } },
        maps: { command: 'npx', args: ['-y', 'srv@1.0.0'], env: { GOOGLE_MAPS_API_KEY: '<YOUR_API_KEY>' } },
        brave: { command: 'npx', args: ['-y', 'srv@1.0.0'], env: { BRAVE_API_KEY: 'YOUR_BRAVE_API_KEY_HERE' } },
        slack: {
          command: 'npx',
          args: ['-y', 'srv@1.0.0'],
          env: {
            SLACK_BOT_TOKEN: 'xoxb-your-bot-token',
            SLACK_TEAM_ID: 'T01234567',
            SLACK_CHANNEL_IDS: 'C01234567, C76543210',
          },
        },
        aws: {
          command: 'uvx',
          args: ['awslabs.aws-api-mcp-server@latest'],
          env: { AWS_REGION: 'us-east-1', AWS_PROFILE: 'default', AWS_ACCESS_KEY_ID: 'AKIAIOSFODNN7EXAMPLE' },
        },
        ids: {
          command: 'npx',
          args: [
            '-y',
            'srv@1.0.0',
            '--workspace-id',
            '0f8fad5b-d9cb-469f-a165-70867728950e',
            '--project-ref',
            'abcdefghijklmnopqrst',
            '--commit',
            noise(40, 30, HEX),
          ],
          env: { TENANT_ID: '3fa85f64-5717-4562-b3fc-2c963f66afa6', NODE_OPTIONS: '--max-old-space-size=4096' },
        },
        docker: {
          command: 'docker',
          args: [
            'run',
            '-i',
            '--rm',
            '-e',
            'GITHUB_PERSONAL_ACCESS_TOKEN',
            '--mount',
            'type=bind,src=/Users/dev/Desktop,dst=/projects/Desktop',
            'ghcr.io/github/github-mcp-server:v0.9.1',
          ],
        },
        puppeteer: {
          command: 'npx',
          args: ['-y', 'srv@1.0.0'],
          env: {
            PUPPETEER_LAUNCH_OPTIONS:
              '{ "headless": false, "executablePath": "C:/Program Files/Google/Chrome/Application/chrome.exe" }',
          },
        },
        localdb: { command: 'npx', args: ['-y', 'srv@1.0.0', 'postgresql://postgres:postgres@localhost:5432/dev'] },
        remote: {
          command: 'npx',
          args: [
            '-y',
            'mcp-remote@0.1.18',
            'https://mcp.example.test/v1/sse',
            '--header',
            'Authorization: Bearer ${AUTH_TOKEN}',
          ],
        },
        placeholders: {
          url: 'https://user:password@mcp.example.test/mcp?api_key=${API_KEY}&region=eu',
          headers: { Authorization: 'Bearer <token>', 'X-Api-Key': 'sk-...', 'X-Org': 'acme-corp' },
        },
        long: {
          command: 'node',
          args: [
            '/opt/servers/dist/index.js',
            '--description',
            'Searches the internal knowledge base and returns the top results',
          ],
        },
        uniform: { command: 'srv', env: { GITHUB_TOKEN: `ghp_${'x'.repeat(36)}` } },
      },
    };
    expect(findingsOf('.mcp.json', JSON.stringify(benign)).map((f) => f.message)).toEqual([]);
    const vscode = {
      servers: {
        gh: {
          type: 'http',
          url: 'https://api.example.test/mcp/',
          headers: { Authorization: 'Bearer ${input:github_pat}' },
        },
      },
    };
    expect(findingsOf('.vscode/mcp.json', JSON.stringify(vscode))).toEqual([]);
    const opencode = {
      mcp: { s: { type: 'local', command: ['npx', '-y', 'srv@1.0.0'], environment: { API_TOKEN: '{env:API_TOKEN}' } } },
    };
    expect(findingsOf('opencode.json', JSON.stringify(opencode))).toEqual([]);
    const codex =
      '[mcp_servers.s]\ncommand = "npx"\nargs = ["-y", "srv@1.0.0"]\nenv_vars = ["API_TOKEN"]\nbearer_token_env_var = "T"\n';
    expect(findingsOf('.codex/config.toml', codex)).toEqual([]);
  });
});

describe('check --only secrets: the fix is written in the client syntax', () => {
  const token = `ghp_${noise(36, 40)}`;
  const env = (path: string, text: string) => String(findingsOf(path, text)[0]?.evidence?.['fix']);
  const entry = { command: 'npx', args: ['-y', 'srv@1.0.0'], env: { GITHUB_TOKEN: token } };
  it.each([
    ['.mcp.json', JSON.stringify({ mcpServers: { gh: entry } }), '"GITHUB_TOKEN": "${GITHUB_TOKEN}"'],
    ['.cursor/mcp.json', JSON.stringify({ mcpServers: { gh: entry } }), '"GITHUB_TOKEN": "${env:GITHUB_TOKEN}"'],
    ['.vscode/mcp.json', JSON.stringify({ servers: { gh: entry } }), '"GITHUB_TOKEN": "${env:GITHUB_TOKEN}"'],
    ['.gemini/settings.json', JSON.stringify({ mcpServers: { gh: entry } }), '"GITHUB_TOKEN": "${GITHUB_TOKEN}"'],
    ['.kiro/settings/mcp.json', JSON.stringify({ mcpServers: { gh: entry } }), '"GITHUB_TOKEN": "${GITHUB_TOKEN}"'],
    ['home/.codeium/windsurf/mcp_config.json', JSON.stringify({ mcpServers: { gh: entry } }), '${env:GITHUB_TOKEN}'],
    [
      'opencode.json',
      JSON.stringify({
        mcp: { gh: { type: 'local', command: ['npx', 'srv@1.0.0'], environment: { GITHUB_TOKEN: token } } },
      }),
      '"GITHUB_TOKEN": "{env:GITHUB_TOKEN}"',
    ],
    [
      '.codex/config.toml',
      `[mcp_servers.gh]\ncommand = "npx"\nenv = { GITHUB_TOKEN = "${token}" }\n`,
      'env_vars = ["GITHUB_TOKEN"]',
    ],
    ['claude_desktop_config.json', JSON.stringify({ mcpServers: { gh: entry } }), 'Claude Desktop does not expand'],
  ])('%s', (path, text, fix) => {
    expect(env(path, text)).toContain(fix);
  });

  it('headers keep their scheme; Codex takes a bearer token from bearer_token_env_var', () => {
    const header = { url: 'https://mcp.example.test/', headers: { Authorization: `Bearer ${token}` } };
    expect(env('.vscode/mcp.json', JSON.stringify({ servers: { gh: header } }))).toContain(
      '"Authorization": "Bearer ${env:GH_TOKEN}"',
    );
    expect(
      env(
        '.codex/config.toml',
        `[mcp_servers.gh]\nurl = "https://mcp.example.test/"\nhttp_headers = { Authorization = "Bearer ${token}" }\n`,
      ),
    ).toContain('bearer_token_env_var = "GH_TOKEN"');
  });
});
