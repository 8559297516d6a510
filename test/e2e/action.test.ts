import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN, runCli } from '../helpers/cli.js';
import { ROOT, readAction, runCompositeAction, type ActionRun, type ActionStep } from '../helpers/composite-action.js';
import { sarifValidator } from '../helpers/sarif-schema.js';
import { testServerPackage } from '../helpers/test-packages.js';
import { startRegistry, type LocalRegistry } from '../helpers/verdaccio.js';

const TOKEN = 'ghp_' + 'q7Rk2Lm9Xv4Tb8Nw1Zc6Hy3Pd5Sf0Ja2Ge7U';

/** The install step is `npm ci` in the action's folder: this checkout is installed and built already. */
const skipInstall = (step: ActionStep) => {
  if (step.name !== 'Install mcp-vet') return undefined;
  expect(step).toMatchObject({ run: 'npm ci --no-audit --no-fund', 'working-directory': '${{ github.action_path }}' });
  return 'this checkout is installed and built (npm run build)';
};

function mcpJson(servers: Record<string, { args: string[]; env?: Record<string, string> }>): string {
  const mcpServers = Object.fromEntries(Object.entries(servers).map(([k, v]) => [k, { command: 'npx', ...v }]));
  return `${JSON.stringify({ mcpServers }, null, 2)}\n`;
}

describe('action.yml, its steps run locally on a simulated GitHub runner', () => {
  let reg: LocalRegistry;
  let npmEnv: NodeJS.ProcessEnv;
  let ws: string;
  const action = readAction();

  const run = async (inputs: Record<string, string>): Promise<ActionRun> =>
    runCompositeAction(action, {
      inputs,
      workspace: ws,
      runnerTemp: await mkdtemp(join(tmpdir(), 'mcp-vet-runner-')),
      // mcp-vet on PATH is this checkout's binary, as `npm ci` in the action's folder would leave it
      path: `${dirname(BIN)}:${dirname(process.execPath)}:${process.env['PATH']}`,
      env: npmEnv,
      skip: skipInstall,
    });
  const stepOf = (r: ActionRun) => r.steps.find((s) => s.id === 'run')!;

  beforeAll(async () => {
    reg = await startRegistry();
    npmEnv = await reg.npmEnv();
    await reg.publish(testServerPackage({ name: 'act-notes', version: '1.0.0' }));
    ws = await mkdtemp(join(tmpdir(), 'mcp-vet-action-ws-'));
    expect((await runCli(['init'], { cwd: ws, env: npmEnv })).code).toBe(0);
    const added = await runCli(['add', 'act-notes@1.0.0', '--by', 'tests'], {
      cwd: ws,
      env: npmEnv,
      timeoutMs: 120_000,
    });
    expect(added.code, added.stderr).toBe(0);
    await writeFile(join(ws, '.mcp.json'), mcpJson({ notes: { args: ['-y', 'act-notes@1.0.0'] } }));
  });
  afterAll(async () => reg?.stop());

  it('declares the outputs the tests read', () => {
    expect(Object.keys(action.outputs).sort()).toEqual(['exit-code', 'json', 'markdown', 'sarif', 'verdict']);
  });

  it('check --offline over a pinned server: pass, the outputs name the reports, the summary is the Markdown report', async () => {
    const r = await run({ command: 'check', args: '--offline' });
    expect(r.steps.map((s) => [s.name, s.status])).toEqual([
      ['Install mcp-vet', 'skipped'],
      ['Run mcp-vet check', 'success'],
    ]);
    expect(r.status).toBe('success');
    expect(r.outputs).toEqual({
      'exit-code': '0',
      verdict: 'pass',
      sarif: join(ws, 'mcp-vet.sarif'),
      markdown: join(ws, 'mcp-vet.md'),
      json: join(ws, 'mcp-vet.json'),
    });
    const markdown = await readFile(r.outputs['markdown']!, 'utf8');
    expect(markdown).toMatch(/^## mcp-vet check: pass\n/);
    expect(markdown).toContain('| act-notes | 1.0.0 | pass |');
    expect(markdown).toContain('Verdict **pass**');
    expect(r.summary).toBe(markdown);
    // the text report goes to the log
    expect(stepOf(r).stdout).toMatch(/^mcp-vet check: pass/m);
    const sarif = JSON.parse(await readFile(r.outputs['sarif']!, 'utf8'));
    const valid = sarifValidator()(sarif);
    expect(valid.valid, valid.errors).toBe(true);
    const report = JSON.parse(await readFile(r.outputs['json']!, 'utf8'));
    expect(report).toMatchObject({ command: 'check', verdict: 'pass' });
  });

  it('check --only secrets in a working directory: a literal token blocks (exit 1), redacted in every output', async () => {
    await mkdir(join(ws, 'configs'), { recursive: true });
    await writeFile(
      join(ws, 'configs', '.mcp.json'),
      mcpJson({
        github: {
          args: ['-y', '@modelcontextprotocol/server-github@2025.4.8'],
          env: { GITHUB_PERSONAL_ACCESS_TOKEN: TOKEN },
        },
      }),
    );
    const r = await run({
      command: 'check',
      args: '--only secrets .mcp.json',
      'working-directory': 'configs',
      sarif: 'secrets.sarif',
      markdown: 'secrets.md',
    });
    expect(r.status).toBe('failure');
    expect(stepOf(r)).toMatchObject({ status: 'failure', code: 1 });
    expect(r.outputs).toEqual({
      'exit-code': '1',
      verdict: 'block',
      sarif: join(ws, 'configs', 'secrets.sarif'),
      markdown: join(ws, 'configs', 'secrets.md'),
      json: join(ws, 'configs', 'mcp-vet.json'),
    });
    expect(r.summary).toContain('## mcp-vet check: **block**');
    expect(r.summary).toContain('`config/literal-secret`');
    expect(r.summary).toBe(await readFile(r.outputs['markdown']!, 'utf8'));
    const sarif = await readFile(r.outputs['sarif']!, 'utf8');
    expect(sarif).toContain('config/literal-secret');
    for (const text of [r.summary, sarif, stepOf(r).stdout, stepOf(r).stderr, JSON.stringify(r.outputs)])
      expect(text.includes(TOKEN.slice(4))).toBe(false);
  });

  it('drift over the local registry: the pinned version again, exit 0', async () => {
    const r = await run({ command: 'drift', args: '--no-snapshot --concurrency 1', markdown: 'drift.md' });
    expect(stepOf(r).stderr).not.toContain('REGISTRY_UNREACHABLE');
    expect(r.outputs).toMatchObject({ 'exit-code': '0', verdict: 'pass', markdown: join(ws, 'drift.md') });
    expect(r.summary).toMatch(/^## mcp-vet drift: pass\n/);
    expect(r.summary).toContain('| act-notes | 1.0.0 | pass |');
  });

  it('an unknown command input: exit 2 before running anything, said in the summary; no stale verdict', async () => {
    const r = await run({ command: 'scan' });
    expect(stepOf(r)).toMatchObject({ status: 'failure', code: 2 });
    expect(stepOf(r).stderr).toContain('must be check or drift');
    expect(r.outputs['exit-code']).toBe('2');
    expect(r.outputs['verdict']).toBe('');
    expect(r.summary).toContain('the command input must be check or drift');
  });

  it('a run that writes no report (a usage error) says so in the summary and leaves no old report behind', async () => {
    expect(existsSync(join(ws, 'mcp-vet.md'))).toBe(true); // from the first run
    const r = await run({ command: 'check', 'fail-on': 'nothing' });
    expect(r.outputs['exit-code']).toBe('2');
    expect(r.outputs['verdict']).toBe('');
    expect(existsSync(join(ws, 'mcp-vet.md'))).toBe(false);
    expect(r.summary).toContain('wrote no report (exit code 2)');
  });

  it('the action folder is this checkout (bin/mcp-vet is what the run step starts)', () => {
    expect(action.runs.steps.find((s) => s.id === 'run')?.env?.['MCP_VET']).toBe(
      '${{ github.action_path }}/bin/mcp-vet',
    );
    expect(join(ROOT, 'bin', 'mcp-vet')).toBe(BIN);
  });
});
