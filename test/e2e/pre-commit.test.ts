import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN } from '../helpers/cli.js';
import { readYaml } from '../helpers/yaml.js';

const ROOT = resolve(import.meta.dirname, '..', '..');
const havePreCommit = spawnSync('pre-commit', ['--version']).status === 0;
if (!havePreCommit) {
  // CI installs it (.ci/run); a user's machine may not have it
  if (process.env['CI'])
    throw new Error('pre-commit is not installed, but CI must run this test (.ci/run installs it)');
  console.warn('skipping the pre-commit test: the pre-commit framework is not installed (apt-get install pre-commit)');
}

interface Hook {
  id: string;
  name: string;
  entry: string;
  language: string;
  files?: string;
  pass_filenames?: boolean;
}

const TOKEN = 'ghp_' + 'q7Rk2Lm9Xv4Tb8Nw1Zc6Hy3Pd5Sf0Ja2Ge7U';

function mcpJson(value: string): string {
  return `${JSON.stringify(
    {
      mcpServers: {
        github: {
          command: 'npx',
          args: ['-y', '@modelcontextprotocol/server-github@2025.4.8'],
          env: { GITHUB_PERSONAL_ACCESS_TOKEN: value },
        },
      },
    },
    null,
    2,
  )}\n`;
}

describe.skipIf(!havePreCommit)('the mcp-vet-secrets hook under the pre-commit framework', () => {
  it('blocks a commit that adds a literal token to .mcp.json, with the finding redacted; an env reference passes', () => {
    // The hook as published in .pre-commit-hooks.yaml, run as a local hook with this checkout's mcp-vet on PATH
    const hooks = readYaml<Hook[]>(join(ROOT, '.pre-commit-hooks.yaml'));
    const hook = hooks.find((h) => h.id === 'mcp-vet-secrets');
    expect(hook).toBeDefined();
    const repo = mkdtempSync(join(tmpdir(), 'mcp-vet-pre-commit-'));
    const env = {
      PATH: `${dirname(BIN)}:${process.env['PATH']}`,
      HOME: repo,
      PRE_COMMIT_HOME: join(repo, '.cache-pre-commit'),
      GIT_CONFIG_NOSYSTEM: '1',
      NO_COLOR: '1',
    };
    const run = (cmd: string, args: string[]) => {
      const r = spawnSync(cmd, args, { cwd: repo, env, encoding: 'utf8', timeout: 120_000 });
      return { code: r.status, out: `${r.stdout}${r.stderr}` };
    };
    const local = { ...hook, language: 'system' };
    writeFileSync(
      join(repo, '.pre-commit-config.yaml'),
      `repos:\n  - repo: local\n    hooks:\n      - ${JSON.stringify(local)}\n`,
    );
    for (const args of [
      ['init', '-q', '-b', 'main'],
      ['config', 'user.email', 'dev@example.test'],
      ['config', 'user.name', 'dev'],
      ['add', '.pre-commit-config.yaml'],
      ['commit', '-q', '-m', 'hooks'],
    ])
      expect(run('git', args).code, args.join(' ')).toBe(0);
    const installed = run('pre-commit', ['install']);
    expect(installed.code, installed.out).toBe(0);

    writeFileSync(join(repo, '.mcp.json'), mcpJson(TOKEN));
    expect(run('git', ['add', '.mcp.json']).code).toBe(0);
    const blocked = run('git', ['commit', '-m', 'add the github server']);
    expect(blocked.code, blocked.out).not.toBe(0);
    expect(blocked.out).toContain('config/literal-secret');
    expect(blocked.out).toContain('ghp_… (40 characters)');
    expect(blocked.out).toContain('"GITHUB_PERSONAL_ACCESS_TOKEN": "${GITHUB_PERSONAL_ACCESS_TOKEN}"');
    expect(blocked.out).not.toContain(TOKEN.slice(4));
    expect(run('git', ['rev-list', '--count', 'HEAD']).out.trim()).toBe('1');

    writeFileSync(join(repo, '.mcp.json'), mcpJson('${GITHUB_PERSONAL_ACCESS_TOKEN}'));
    expect(run('git', ['add', '.mcp.json']).code).toBe(0);
    const passed = run('git', ['commit', '-m', 'add the github server']);
    expect(passed.code, passed.out).toBe(0);
    expect(passed.out).toMatch(/mcp-vet secrets.*Passed/);
    expect(run('git', ['rev-list', '--count', 'HEAD']).out.trim()).toBe('2');
  });
});
