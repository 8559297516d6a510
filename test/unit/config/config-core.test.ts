import { describe, expect, it } from 'vitest';
import { detectShape } from '../../../src/core/config/detect-shape.js';
import { evaluateServer, type Lookups } from '../../../src/core/config/evaluate.js';
import { serversFromText } from '../../../src/core/config/extract.js';
import { parseJsonc } from '../../../src/core/config/jsonc.js';
import { launchTarget } from '../../../src/core/config/launch-target.js';
import { inspectUrl } from '../../../src/core/config/remote-url.js';
import { detectSecret } from '../../../src/core/config/secrets.js';
import type { ConfigSource } from '../../../src/core/config/server.js';
import { VetError } from '../../../src/core/errors.js';

const src = (shape: ConfigSource['shape'], file = 'f.json'): ConfigSource => ({ client: 'claude-code', shape, file });
const noPins: Lookups = { pin: () => null, remote: () => null };
const pinned = (versions: Record<string, string>, remotes: Record<string, string[]> = {}): Lookups => ({
  pin: (name) => (versions[name] ? { version: versions[name], file: `allowlist/${name}.json` } : null),
  remote: (key) => (remotes[key] ? { id: 'r', file: 'allowlist/remote/r.json', headers: remotes[key] } : null),
});
const codesOf = (text: string, lookups: Lookups, shape: ConfigSource['shape'] = 'mcpServers') =>
  serversFromText(src(shape), text)
    .flatMap((s) => evaluateServer(s, launchTarget(s), lookups).map((f) => f.code))
    .sort();

describe('JSONC', () => {
  it('reads comments and trailing commas and keeps lines', () => {
    const doc = parseJsonc('{\n // c\n "a": { /* x\n y */ "b": [1, 2,],\n },\n}\n', 'x.json');
    expect(doc.value).toEqual({ a: { b: [1, 2] } });
    expect(doc.lines.get('/a')).toBe(3);
    expect(doc.lines.get('/a/b')).toBe(4);
  });
  it('fails with file:line:column and never quotes the text', () => {
    try {
      parseJsonc('{\n "k": "ghp_secretsecret" x\n}', 'c.json');
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(VetError);
      expect((err as VetError).code).toBe('INVALID_FILE');
      expect((err as VetError).message).toMatch(/^c\.json:2:\d+: /);
      expect((err as VetError).message).not.toContain('ghp_');
    }
  });
  it('rejects unterminated comments and strings', () => {
    expect(() => parseJsonc('{ /* ', 'a')).toThrow(VetError);
    expect(() => parseJsonc('{"a": "b', 'a')).toThrow(VetError);
  });
});

describe('client shapes', () => {
  it('reads Claude Code user and project scopes', () => {
    const text = JSON.stringify({
      mcpServers: { a: { command: 'npx', args: ['a@1.0.0'] } },
      projects: { '/p': { mcpServers: { b: { type: 'http', url: 'https://x.test/mcp' } } } },
    });
    const servers = serversFromText(src('claude-user'), text);
    expect(servers.map((s) => [s.id, s.scope])).toEqual([
      ['a', undefined],
      ['b', '/p'],
    ]);
  });
  it('reads VS Code mcp.json and settings.json', () => {
    expect(
      serversFromText(src('vscode'), '{"servers":{"a":{"type":"stdio","command":"npx","args":["a"]}}}')[0]?.type,
    ).toBe('stdio');
    expect(
      serversFromText(src('vscode-settings'), '{"mcp":{"servers":{"a":{"command":"node","args":["x.js"]}}}}'),
    ).toHaveLength(1);
  });
  it('reads Codex TOML with lines, and OpenCode argv arrays', () => {
    const toml =
      '# codex\n[mcp_servers.fs]\ncommand = "npx"\nargs = ["-y", "fs@1.0.0"]\n\n[mcp_servers.fs.env]\nTOKEN = "x"\n';
    const [fs] = serversFromText({ client: 'codex', shape: 'codex', file: 'config.toml' }, toml);
    expect(fs).toMatchObject({ id: 'fs', line: 2, command: 'npx', args: ['-y', 'fs@1.0.0'], env: { TOKEN: 'x' } });
    expect(fs?.fieldLines['env/TOKEN']).toBe(7);
    const [oc] = serversFromText(
      src('opencode'),
      '{"mcp":{"o":{"type":"local","command":["npx","-y","o@2.0.0"],"environment":{"A":"b"}}}}',
    );
    expect(oc).toMatchObject({ command: 'npx', args: ['-y', 'o@2.0.0'], env: { A: 'b' } });
  });
  it('reports a wrong shape as INVALID_FILE with the line', () => {
    expect(() => serversFromText(src('mcpServers'), '{\n"mcpServers": {\n "a": {"command": 5}\n}}')).toThrow(
      /f\.json:3: \/mcpServers\/a\/command: expected a string/,
    );
    expect(() => serversFromText({ client: 'codex', shape: 'codex', file: 'c.toml' }, '[mcp_servers.a\n')).toThrow(
      /c\.toml:1:/,
    );
  });
  it('detects the client of a --config file', () => {
    expect(detectShape('x/config.toml', null)?.shape).toBe('codex');
    expect(detectShape('.vscode/mcp.json', { servers: {} })?.shape).toBe('vscode');
    expect(detectShape('.cursor/mcp.json', { mcpServers: {} })?.client).toBe('cursor');
    expect(detectShape('home/.claude.json', { projects: {} })?.shape).toBe('claude-user');
    expect(detectShape('settings.json', { mcp: { servers: {} } })?.shape).toBe('vscode-settings');
    expect(detectShape('opencode.json', { mcp: {} })?.shape).toBe('opencode');
    expect(detectShape('other.json', { x: 1 })).toBeNull();
  });
});

describe('launch targets', () => {
  const t = (command: string, args: string[] = []) => launchTarget({ command, args });
  it('maps package runners to packages', () => {
    expect(t('npx', ['-y', '@s/srv@1.2.3', '--flag'])).toMatchObject({ kind: 'npm', name: '@s/srv', exact: true });
    expect(t('npx', ['--package=srv@1.0.0', 'srv-bin'])).toMatchObject({ kind: 'npm', name: 'srv', exact: true });
    expect(t('npx', ['-p', 'srv@^1', 'bin'])).toMatchObject({ kind: 'npm', name: 'srv', exact: false });
    expect(t('pnpm', ['dlx', 'srv@latest'])).toMatchObject({ kind: 'npm', exact: false, wanted: 'latest' });
    expect(t('bunx', ['srv@2.0.0'])).toMatchObject({ kind: 'npm', exact: true });
    expect(t('yarn', ['dlx', '-p', 'srv@1.0.0', 'srv'])).toMatchObject({ kind: 'npm', name: 'srv', exact: true });
    expect(t('npx -y srv@1.0.0')).toMatchObject({ kind: 'npm', name: 'srv', exact: true });
    expect(t('cmd', ['/c', 'npx', '-y', 'srv'])).toMatchObject({ kind: 'npm', exact: false });
    expect(t('/usr/local/bin/npx.cmd', ['srv@1.0.0'])).toMatchObject({ kind: 'npm', exact: true });
  });
  it('maps node_modules launches and refuses what is not a package', () => {
    expect(t('node', ['node_modules/@s/srv/dist/index.js'])).toMatchObject({
      kind: 'installed',
      name: '@s/srv',
      script: 'node_modules/@s/srv',
    });
    expect(t('node', ['./node_modules/.bin/srv'])).toMatchObject({ kind: 'installed-bin', bin: 'srv' });
    expect(t('./node_modules/.bin/srv')).toMatchObject({ kind: 'installed-bin', bin: 'srv' });
    for (const [c, a] of [
      ['docker', ['run', 'x']],
      ['uvx', ['mcp-server-git']],
      ['python', ['-m', 'x']],
      ['node', ['server.js']],
      ['npx', ['github:o/r']],
      ['npx', ['https://u:tok@h.test/p.tgz']],
    ] as const) {
      expect(t(c, [...a]).kind).toBe('unmanaged');
    }
    expect(JSON.stringify(t('npx', ['https://u:tok@h.test/p.tgz']))).not.toContain('tok');
  });
});

describe('secrets', () => {
  it.each([
    ['GITHUB_TOKEN', 'ghp_' + 'a1B2'.repeat(9)],
    ['X', 'github_pat_' + 'A1b2_'.repeat(12)],
    ['NPM', 'npm_' + 'a1B2'.repeat(9)],
    ['AWS', 'AKIA' + 'ABCDEFGHIJ234567'],
    ['SLACK', 'xoxb-1234567890-abcdefghij'],
    ['OPENAI', 'sk-proj-' + 'a1B2'.repeat(8)],
    ['ANTHROPIC', 'sk-ant-api03-' + 'a1B2'.repeat(8)],
    ['STRIPE', 'sk_live_' + 'a1B2'.repeat(6)],
    ['GOOGLE', 'AIza' + 'a1B2c3D4e5'.repeat(3) + 'abcde'],
    ['JWT', 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.abcdefghijklmnop'],
    ['KEY', '-----BEGIN RSA PRIVATE KEY-----\nMIIE'],
    ['Authorization', 'Bearer abcdef123456'],
    ['DB_PASSWORD', 'hunter2-Correct-Horse'],
    ['SOMETHING', 'Zq8vL2mN9xR4tY7wK1pB6cF3hJ0dG5sA'],
  ])('%s is a literal secret', (name, value) => {
    const s = detectSecret(name, value);
    expect(s).not.toBeNull();
    expect(s?.hint).not.toContain(value.slice(4));
  });
  it.each([
    ['GITHUB_TOKEN', '${GITHUB_TOKEN}'],
    ['A', '${env:API_KEY}'],
    ['A', '$API_KEY'],
    ['A', '${input:token}'],
    ['A', '{env:TOKEN}'],
    ['Authorization', 'Bearer ${TOKEN}'],
    ['ROOT', '/home/user/projects/some-long-directory-name'],
    ['DEBUG', 'true'],
    ['LOG_LEVEL', 'info'],
  ])('%s=%s is not a secret', (name, value) => {
    expect(detectSecret(name, value)).toBeNull();
  });
});

describe('URLs', () => {
  it('flags plain http off loopback only, and hides query values and passwords', () => {
    expect(inspectUrl('http://localhost:3000/mcp')?.insecure).toBe(false);
    expect(inspectUrl('http://127.0.0.2/mcp')?.insecure).toBe(false);
    expect(inspectUrl('http://[::1]:8080/')?.insecure).toBe(false);
    expect(inspectUrl('https://x.test/mcp')?.insecure).toBe(false);
    const u = inspectUrl('http://me:pa55word@mcp.test/sse/?api_key=sk-proj-abcdefghijklmnopqrstuvwx');
    expect(u?.insecure).toBe(true);
    expect(u?.display).toBe('http://mcp.test/sse/?api_key=…');
    expect(u?.key).toBe('http://mcp.test/sse?api_key=…');
    expect(u?.secrets.map((s) => s.where)).toEqual(['URL password', 'URL query parameter api_key']);
  });
});

describe('findings', () => {
  it('shadow and unpinned', () => {
    expect(codesOf('{"mcpServers":{"a":{"command":"npx","args":["-y","srv"]}}}', noPins)).toEqual([
      'config/shadow-server',
      'config/unpinned',
    ]);
    expect(
      codesOf('{"mcpServers":{"a":{"command":"npx","args":["-y","srv@latest"]}}}', pinned({ srv: '1.0.0' })),
    ).toEqual(['config/unpinned']);
    expect(
      codesOf('{"mcpServers":{"a":{"command":"npx","args":["-y","srv@^1.0.0"]}}}', pinned({ srv: '1.0.0' })),
    ).toEqual(['config/unpinned']);
  });
  it('version mismatch and a clean pinned server', () => {
    expect(
      codesOf('{"mcpServers":{"a":{"command":"npx","args":["-y","srv@1.1.0"]}}}', pinned({ srv: '1.0.0' })),
    ).toEqual(['config/version-mismatch']);
    expect(
      codesOf('{"mcpServers":{"a":{"command":"npx","args":["-y","srv@1.0.0"]}}}', pinned({ srv: '1.0.0' })),
    ).toEqual([]);
  });
  it('remote servers: not allowlisted, insecure, headers', () => {
    expect(codesOf('{"mcpServers":{"r":{"type":"http","url":"https://mcp.test/mcp"}}}', noPins)).toEqual([
      'config/remote-not-allowlisted',
    ]);
    expect(
      codesOf('{"mcpServers":{"r":{"url":"http://mcp.test/mcp"}}}', pinned({}, { 'http://mcp.test/mcp': [] })),
    ).toEqual(['config/insecure-url']);
    expect(
      codesOf(
        '{"mcpServers":{"r":{"url":"https://mcp.test/mcp/","headers":{"X-Team":"a","Authorization":"${T}"}}}}',
        pinned({}, { 'https://mcp.test/mcp': ['authorization'] }),
      ),
    ).toEqual(['config/remote-header-not-allowlisted']);
  });
  it('literal secrets are reported with a redacted hint only', () => {
    const secret = 'ghp_' + 'Zx9Y'.repeat(9);
    const text = JSON.stringify({
      mcpServers: {
        a: { command: 'npx', args: ['-y', 'srv@1.0.0', `--token=${secret}`], env: { GITHUB_TOKEN: secret } },
      },
    });
    const [server] = serversFromText(src('mcpServers'), text);
    const findings = evaluateServer(server!, launchTarget(server!), pinned({ srv: '1.0.0' }));
    expect(findings.map((f) => f.code)).toEqual(['config/literal-secret', 'config/literal-secret']);
    expect(JSON.stringify(findings)).not.toContain(secret.slice(4, 12));
  });
  it('a long scoped package spec after a flag is not a secret', () => {
    const spec = '@modelcontextprotocol/server-sequential-thinking@2026.8.31';
    expect(
      codesOf(
        JSON.stringify({ mcpServers: { a: { command: 'npx', args: ['-y', spec] } } }),
        pinned({ '@modelcontextprotocol/server-sequential-thinking': '2026.8.31' }),
      ),
    ).toEqual([]);
    expect(
      codesOf(
        JSON.stringify({
          mcpServers: { a: { command: 'npx', args: ['--yes', '@scope/a-very-long-server-name-for-tests@^1.2.3'] } },
        }),
        noPins,
      ),
    ).toEqual(['config/shadow-server', 'config/unpinned']);
    expect(
      codesOf(
        JSON.stringify({
          mcpServers: { a: { command: 'npx', args: ['-y', '@scope/another-quite-long-server-name-here'] } },
        }),
        noPins,
      ),
    ).toEqual(['config/shadow-server', 'config/unpinned']);
  });
  it('unmanaged servers', () => {
    expect(codesOf('{"mcpServers":{"d":{"command":"docker","args":["run","-i","img"]}}}', noPins)).toEqual([
      'config/unmanaged-server',
    ]);
  });
});
