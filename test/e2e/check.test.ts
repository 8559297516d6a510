import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, type CliResult } from '../helpers/cli.js';
import { sarifValidator } from '../helpers/sarif-schema.js';
import { testServerPackage } from '../helpers/test-packages.js';
import { freePort, startRegistry, type LocalRegistry } from '../helpers/verdaccio.js';

interface JsonReport {
  verdict: string;
  subjects: Array<{ name: string; verdict: string }>;
  findings: Array<{
    code: string;
    severity: string;
    subject: string;
    message: string;
    location?: { file?: string; line?: number };
    evidence?: Record<string, unknown>;
  }>;
  errors?: Array<{ code: string }>;
}

// Literal secrets written into the test configs: none may appear in any output.
const GH_SECRET = 'ghp_' + 'Qw3rTy7uIo9pAs2dFg4hJk6lZx8cVb1nM5'.slice(0, 36);
const OPENAI_SECRET = 'sk-proj-' + 'N0tAR3alK3yButL00ksLik3On3xyzw';
const BEARER_SECRET = 'Zm9vYmFyYmF6cXV4LXNlY3JldC10b2tlbg';
const SECRETS = [GH_SECRET, OPENAI_SECRET, BEARER_SECRET];

const REMOTE_ENTRY = {
  url: 'https://docs.mcp.test/mcp',
  name: 'docs',
  headers: ['Authorization'],
  approved: { by: 'tests', at: '2026-01-01T00:00:00.000Z' },
};

/** The clean project: the three pinned servers in four client formats, plus an allowlisted remote. */
async function writeCleanConfigs(dir: string): Promise<void> {
  await mkdir(join(dir, '.vscode'), { recursive: true });
  await mkdir(join(dir, '.codex'), { recursive: true });
  await mkdir(join(dir, '.cursor'), { recursive: true });
  await writeFile(
    join(dir, '.mcp.json'),
    JSON.stringify(
      {
        mcpServers: {
          alpha: { command: 'npx', args: ['-y', 'vet-alpha@1.0.0'], env: { API_TOKEN: '${API_TOKEN}' } },
          docs: { type: 'http', url: 'https://docs.mcp.test/mcp', headers: { Authorization: 'Bearer ${DOCS_TOKEN}' } },
        },
      },
      null,
      2,
    ),
  );
  await writeFile(
    join(dir, '.vscode', 'mcp.json'),
    JSON.stringify(
      {
        inputs: [],
        servers: {
          beta: { type: 'stdio', command: 'npx', args: ['-y', 'vet-beta@2.0.0'], env: { TOKEN: '${input:token}' } },
        },
      },
      null,
      2,
    ),
  );
  await writeFile(
    join(dir, '.codex', 'config.toml'),
    '# Codex\n[mcp_servers.gamma]\ncommand = "npx"\nargs = ["-y", "vet-gamma@3.0.0"]\n\n[mcp_servers.gamma.env]\nGAMMA_KEY = "${GAMMA_KEY}"\n',
  );
  await writeFile(
    join(dir, '.cursor', 'mcp.json'),
    '{\n  // Cursor reads JSONC\n  "mcpServers": {\n    /* the same pin, another runner */\n    "alpha": { "command": "pnpm", "args": ["dlx", "vet-alpha@1.0.0",], },\n  },\n}\n',
  );
}

/** A project with every kind of finding, in the same four formats. */
async function writeDirtyConfigs(dir: string): Promise<void> {
  await mkdir(join(dir, '.vscode'), { recursive: true });
  await mkdir(join(dir, '.codex'), { recursive: true });
  await mkdir(join(dir, '.cursor'), { recursive: true });
  await writeFile(
    join(dir, '.mcp.json'),
    JSON.stringify(
      {
        mcpServers: {
          shadow: { command: 'npx', args: ['-y', 'vet-unknown@1.0.0'] },
          floating: { command: 'npx', args: ['-y', 'vet-alpha'] },
          leaky: { command: 'npx', args: ['-y', 'vet-beta@2.0.0'], env: { GITHUB_TOKEN: GH_SECRET } },
          plain: {
            type: 'http',
            url: 'http://mcp.example.test/mcp',
            headers: { Authorization: `Bearer ${BEARER_SECRET}` },
          },
        },
      },
      null,
      2,
    ),
  );
  await writeFile(
    join(dir, '.vscode', 'mcp.json'),
    JSON.stringify({ servers: { newer: { command: 'npx', args: ['-y', 'vet-alpha@1.1.0'] } } }, null, 2),
  );
  await writeFile(
    join(dir, '.codex', 'config.toml'),
    '[mcp_servers.gamma]\ncommand = "npx"\nargs = ["-y", "vet-gamma@3.0.0"]\n\n[mcp_servers.gamma.env]\nOPENAI_API_KEY = "' +
      OPENAI_SECRET +
      '"\n',
  );
  await writeFile(
    join(dir, '.cursor', 'mcp.json'),
    '{\n  "mcpServers": {\n    // not an npm package\n    "git": { "command": "docker", "args": ["run", "-i", "mcp/git",], },\n  },\n}\n',
  );
}

describe('mcp-vet check over a real local registry', () => {
  let reg: LocalRegistry;
  let env: NodeJS.ProcessEnv;
  let ws: string;
  let dirty: string;
  let deadEnv: NodeJS.ProcessEnv;
  const wsArgs = () => ['--allowlist', join(ws, 'allowlist'), '--snapshots', join(ws, 'snapshots')];

  beforeAll(async () => {
    reg = await startRegistry();
    env = await reg.npmEnv();
    await reg.publish(testServerPackage({ name: 'vet-alpha', version: '1.0.0' }));
    await reg.publish(testServerPackage({ name: 'vet-alpha', version: '1.1.0' }));
    await reg.publish(testServerPackage({ name: 'vet-beta', version: '2.0.0' }));
    await reg.publish(testServerPackage({ name: 'vet-gamma', version: '3.0.0' }));
    ws = await mkdtemp(join(tmpdir(), 'mcp-vet-check-'));
    expect((await runCli(['init'], { cwd: ws, env })).code).toBe(0);
    for (const spec of ['vet-alpha@1.0.0', 'vet-beta@2.0.0', 'vet-gamma@3.0.0']) {
      const r = await runCli(['add', spec, '--by', 'tests'], { cwd: ws, env });
      expect(r.stderr).toContain(`pinned ${spec}`);
    }
    await mkdir(join(ws, 'allowlist', 'remote'), { recursive: true });
    await writeFile(join(ws, 'allowlist', 'remote', 'docs.json'), JSON.stringify(REMOTE_ENTRY));
    await writeCleanConfigs(ws);
    dirty = await mkdtemp(join(tmpdir(), 'mcp-vet-check-dirty-'));
    await writeDirtyConfigs(dirty);
    const dead = await freePort();
    deadEnv = {
      npm_config_registry: `http://127.0.0.1:${dead}/`,
      npm_config_userconfig: join(ws, 'no-npmrc'),
      npm_config_cache: join(ws, 'dead-cache'),
      npm_config_fetch_retries: '0',
    };
  }, 240_000);
  afterAll(async () => reg?.stop());

  const json = (r: CliResult) => JSON.parse(r.stdout) as JsonReport;

  it('passes a clean project in four client formats, online (exit 0)', async () => {
    const r = await runCli(['check', '--format', 'json'], { cwd: ws, env });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const report = json(r);
    expect(report.findings).toEqual([]);
    expect(report.verdict).toBe('pass');
    expect(report.subjects.map((s) => s.name)).toEqual(
      [
        '.codex/config.toml#gamma',
        '.cursor/mcp.json#alpha',
        '.mcp.json#alpha',
        '.mcp.json#docs',
        '.vscode/mcp.json#beta',
        'vet-alpha',
        'vet-beta',
        'vet-gamma',
      ].sort((a, b) => a.localeCompare(b)),
    );
  });

  it('--offline needs no registry at all: a dead registry still passes (exit 0)', async () => {
    const r = await runCli(['check', '--offline'], { cwd: ws, env: deadEnv });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^mcp-vet check: pass/);
  });

  it('without --offline, an unreachable registry cannot complete (exit 3)', async () => {
    const r = await runCli(['check', '--format', 'json'], { cwd: ws, env: deadEnv });
    expect(r.code).toBe(3);
    const report = json(r);
    expect(report.verdict).toBe('block');
    // Each pin's fetch is a stage that could not complete, with its cause.
    const stages = report.findings.filter((f) => f.code === 'stage/incomplete');
    expect(stages.length).toBeGreaterThan(0);
    expect(stages.map((f) => (f.evidence as { code?: string } | undefined)?.code)).toContain('REGISTRY_UNREACHABLE');
  });

  it('reports every config finding, with file and line (exit 1)', async () => {
    const r = await runCli(['check', '--offline', '--format', 'json', ...wsArgs()], { cwd: dirty, env: deadEnv });
    expect(r.code).toBe(1);
    const report = json(r);
    const bySubject = (s: string) =>
      report.findings
        .filter((f) => f.subject === s)
        .map((f) => f.code)
        .sort();
    expect(bySubject('.mcp.json#shadow')).toEqual(['config/shadow-server']);
    expect(bySubject('.mcp.json#floating')).toEqual(['config/unpinned']);
    expect(bySubject('.mcp.json#leaky')).toEqual(['config/literal-secret']);
    expect(bySubject('.mcp.json#plain')).toEqual([
      'config/insecure-url',
      'config/literal-secret',
      'config/remote-not-allowlisted',
    ]);
    expect(bySubject('.vscode/mcp.json#newer')).toEqual(['config/version-mismatch']);
    expect(bySubject('.codex/config.toml#gamma')).toEqual(['config/literal-secret']);
    expect(bySubject('.cursor/mcp.json#git')).toEqual(['config/unmanaged-server']);
    const secret = report.findings.find((f) => f.subject === '.codex/config.toml#gamma');
    expect(secret?.location).toMatchObject({ file: '.codex/config.toml', line: 6 });
    expect(report.findings.find((f) => f.subject === '.cursor/mcp.json#git')?.location).toMatchObject({
      file: '.cursor/mcp.json',
      line: 4,
    });
    // --fail-on critical: only high findings, so the gate passes
    expect(
      (await runCli(['check', '--offline', '--fail-on', 'critical', ...wsArgs()], { cwd: dirty, env: deadEnv })).code,
    ).toBe(0);
  });

  it('renders text, JSON, SARIF (valid against the official 2.1.0 schema) and Markdown, never showing a secret', async () => {
    const outDir = await mkdtemp(join(tmpdir(), 'mcp-vet-check-out-'));
    const validate = sarifValidator();
    for (const format of ['text', 'json', 'sarif', 'markdown']) {
      const r = await runCli(['check', '--offline', '--format', format, ...wsArgs()], { cwd: dirty, env: deadEnv });
      expect(r.code).toBe(1);
      const file = join(outDir, `report.${format}`);
      const w = await runCli(['check', '--offline', '--format', format, '--output', file, ...wsArgs()], {
        cwd: dirty,
        env: deadEnv,
      });
      expect(w.code).toBe(1);
      const written = await readFile(file, 'utf8');
      expect(written).toBe(r.stdout);
      for (const s of SECRETS) {
        expect(r.stdout).not.toContain(s);
        expect(r.stderr).not.toContain(s);
        expect(written).not.toContain(s.slice(4, 16));
      }
      if (format === 'sarif') {
        const doc = JSON.parse(r.stdout) as {
          runs: Array<{
            results: Array<{
              ruleId: string;
              locations: Array<{
                physicalLocation?: { artifactLocation: { uri: string }; region?: { startLine: number } };
              }>;
            }>;
          }>;
        };
        const result = validate(doc);
        expect(result.errors).toBe('');
        expect(result.valid).toBe(true);
        const mismatch = doc.runs[0]?.results.find((x) => x.ruleId === 'mcp-vet/config/version-mismatch');
        expect(mismatch?.locations[0]?.physicalLocation).toEqual({
          artifactLocation: { uri: '.vscode/mcp.json' },
          region: { startLine: 4 },
        });
      }
      if (format === 'markdown') expect(r.stdout).toContain('config/shadow-server');
      if (format === 'text') expect(r.stdout).toMatch(/config\/literal-secret.*\.mcp\.json:\d+/);
    }
  });

  it('re-verifies the pins: tampered stored evidence fails offline (critical, exit 1)', async () => {
    const copy = await mkdtemp(join(tmpdir(), 'mcp-vet-check-copy-'));
    await cp(ws, copy, { recursive: true });
    const lockFile = join(copy, 'snapshots', 'vet-beta', '2.0.0', 'lock.json');
    const lock = JSON.parse(await readFile(lockFile, 'utf8'));
    lock.packages['node_modules/vet-beta'].version = '2.0.1';
    await writeFile(lockFile, JSON.stringify(lock));
    const entryFile = join(copy, 'allowlist', 'vet-gamma.json');
    const entry = JSON.parse(await readFile(entryFile, 'utf8'));
    entry.provenance = { status: 'verified', issuer: 'https://token.actions.githubusercontent.com' };
    await writeFile(entryFile, JSON.stringify(entry));
    await rm(join(copy, 'snapshots', 'vet-alpha', '1.0.0', 'package.json'));
    const r = await runCli(['check', '--offline', '--format', 'json'], { cwd: copy, env: deadEnv });
    expect(r.code).toBe(1);
    const report = json(r);
    // One critical finding per evidence file that does not hold, naming the file.
    const failed = report.findings.filter((f) => f.code === 'evidence/mismatch');
    expect(failed.map((f) => [f.subject, f.severity, f.location?.file])).toEqual([
      ['vet-alpha@1.0.0', 'critical', 'snapshots/vet-alpha/1.0.0/package.json'],
      ['vet-beta@2.0.0', 'critical', 'snapshots/vet-beta/2.0.0/lock.json'],
      ['vet-gamma@3.0.0', 'critical', 'snapshots/vet-gamma/3.0.0/attestations.json'],
    ]);
    expect(failed[0]?.message).toContain('is missing');
    expect(failed[1]?.message).toContain('dependency digest');
    expect(report.findings.filter((f) => f.code !== 'evidence/mismatch')).toEqual([]);
  });

  it('online, other bytes served for a pinned version fail re-verification; offline does not see it', async () => {
    const path = reg.tarballPath('vet-gamma', '3.0.0');
    const original = await readFile(path);
    const tampered = Buffer.from(original);
    tampered[tampered.length - 20] = tampered[tampered.length - 20]! ^ 0xff;
    await writeFile(path, tampered);
    try {
      const r = await runCli(['check', '--format', 'json'], { cwd: ws, env });
      expect(r.code).toBe(1);
      const report = json(r);
      expect(report.findings.map((f) => [f.code, f.subject])).toEqual([
        ['config/pin-verification-failed', 'vet-gamma@3.0.0'],
      ]);
      expect((await runCli(['check', '--offline'], { cwd: ws, env: deadEnv })).code).toBe(0);
    } finally {
      await writeFile(path, original);
    }
  });

  it('--user reads a fake HOME, including Claude Code per-project servers', async () => {
    const home = await mkdtemp(join(tmpdir(), 'mcp-vet-home-'));
    await writeFile(
      join(home, '.claude.json'),
      JSON.stringify(
        {
          numStartups: 3,
          mcpServers: { alpha: { command: 'npx', args: ['-y', 'vet-alpha@1.0.0'] } },
          projects: { '/work/proj': { mcpServers: { stray: { command: 'npx', args: ['vet-stray@0.1.0'] } } } },
        },
        null,
        2,
      ),
    );
    await mkdir(join(home, '.config', 'Code', 'User', 'profiles', 'p1'), { recursive: true });
    await writeFile(
      join(home, '.config', 'Code', 'User', 'profiles', 'p1', 'settings.json'),
      '{\n  "editor.fontSize": 14,\n  "mcp": { "servers": { "beta": { "command": "npx", "args": ["-y", "vet-beta"] } } },\n}\n',
    );
    const r = await runCli(['check', '--offline', '--user', '--format', 'json', ...wsArgs()], {
      cwd: home,
      env: { ...deadEnv, HOME: home, XDG_CONFIG_HOME: '' },
    });
    const report = json(r);
    expect(report.findings.map((f) => [f.subject, f.code])).toEqual([
      ['~/.claude.json#/work/proj:stray', 'config/shadow-server'],
      ['~/.config/Code/User/profiles/p1/settings.json#beta', 'config/unpinned'],
    ]);
    expect(report.subjects.map((s) => s.name)).toContain('~/.claude.json#alpha');
    expect(r.code).toBe(1);
  });

  it('--config reads named files; a config that cannot be parsed is exit 2 naming file and line', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'mcp-vet-check-bad-'));
    await writeFile(
      join(dir, 'one.json'),
      JSON.stringify({ mcpServers: { a: { command: 'npx', args: ['-y', 'vet-alpha@1.0.0'] } } }),
    );
    await writeFile(
      join(dir, 'broken.jsonc'),
      `{\n  "mcpServers": {\n    "a": { "command": "npx", "env": { "T": "${GH_SECRET}" } }\n    "b": {}\n  }\n}\n`,
    );
    const ok = await runCli(['check', '--offline', '--config', 'one.json', ...wsArgs()], { cwd: dir, env: deadEnv });
    expect(ok.code).toBe(0);
    const bad = await runCli(['check', '--offline', '--config', 'one.json', '--config', 'broken.jsonc', ...wsArgs()], {
      cwd: dir,
      env: deadEnv,
    });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/broken\.jsonc:4:\d+: cannot parse/);
    expect(bad.stderr + bad.stdout).not.toContain(GH_SECRET);
    expect(
      (await runCli(['check', '--offline', '--config', 'missing.json', ...wsArgs()], { cwd: dir, env: deadEnv })).code,
    ).toBe(2);
    expect(
      (await runCli(['check', '--offline', '--format', 'yaml', ...wsArgs()], { cwd: dir, env: deadEnv })).code,
    ).toBe(2);
    await writeFile(join(dir, 'allowlist-bad.json'), '{}');
    await mkdir(join(dir, 'al', 'remote'), { recursive: true });
    await mkdir(join(dir, 'sn'), { recursive: true });
    await writeFile(join(dir, 'al', 'remote', 'x.json'), JSON.stringify({ url: 'ftp://x' }));
    const badRemote = await runCli(
      ['check', '--offline', '--config', 'one.json', '--allowlist', 'al', '--snapshots', 'sn'],
      { cwd: dir, env: deadEnv },
    );
    expect(badRemote.code).toBe(2);
    expect(badRemote.stderr).toContain('al/remote/x.json');
  });
});
