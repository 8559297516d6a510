import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makePorts } from '../../src/cli/make-ports.js';
import { stageFindings, type StageFailure } from '../../src/core/assess/stage.js';
import { buildReport } from '../../src/core/report/report.js';
import { renderers } from '../../src/core/report/renderers.js';
import { runSnapshotStage, snapshotLaunch } from '../../src/workflows/gather/snapshot.js';
import { runCli } from '../helpers/cli.js';
import { testServerPackage } from '../helpers/test-packages.js';
import { startRegistry, type LocalRegistry } from '../helpers/verdaccio.js';

const SERVER = resolve(import.meta.dirname, '..', 'fixtures', 'servers', 'crash-server.mjs');
const snap = (flags: string[], extra: string[] = []) =>
  runCli(['snapshot', '--no-recheck', ...extra, '--command', process.execPath, '--', SERVER, ...flags], {
    timeoutMs: 60_000,
  });

/** The last 20 stderr lines of a crash-server run with 30 lines, as they must be shown. */
const LAST_20 = [
  ...Array.from({ length: 19 }, (_, i) => `crash-server line ${i + 12} of 30`),
  'Error: crash-server cannot reach its database',
].map((l) =>
  l === 'crash-server line 22 of 30'
    ? 'crash-server line 22 of 30 \\u{001B}[31mred\\u{001B}[0m'
    : l === 'crash-server line 23 of 30'
      ? 'crash-server line 23 of 30\\tafter a tab'
      : l,
);

describe('a server that fails: stage, request and the end of its stderr', () => {
  it('text: the stage and request, then the last 20 stderr lines, escaped, one per line', async () => {
    const r = await snap(['--at=list', '--lines=30']);
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/\(first start\), during listing \(tools\/list\): the server exited with status 9/);
    const shown = r.stderr.split('\n').filter((l) => l.startsWith('    '));
    expect(shown.map((l) => l.slice(4))).toEqual(LAST_20);
    expect(r.stderr).not.toContain('line 11 of 30');
    expect(r.stderr).not.toMatch(/[\u001b\t]/);
  });

  it('JSON (snapshot --report): the stage finding holds the last 20 lines as an array of strings', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'mcp-vet-diagnosis-'));
    try {
      const file = join(dir, 'report.json');
      const r = await snap(['--at=list', '--lines=30'], ['--report', file]);
      expect(r.code).toBe(3);
      const report = JSON.parse(await readFile(file, 'utf8'));
      const f = report.findings.find((x: { code: string }) => x.code === 'stage/incomplete');
      expect(f.evidence).toMatchObject({ step: 'listing (tools/list)', request: 'tools/list', code: 'SERVER_FAILED' });
      expect(f.evidence.stderr).toEqual(LAST_20);
      expect(JSON.stringify(report)).not.toContain('line 11 of 30');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('--show-stderr prints the failed start’s stderr, escaped line by line', async () => {
    const r = await snap(['--lines=30'], ['--show-stderr']);
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/^stderr of .*crash-server\.mjs --lines=30 \(first start\):$/m);
    expect(r.stderr).toMatch(/^ {2}crash-server line 1 of 30$/m);
    expect(r.stderr).not.toMatch(/[\u001b\t]/);
    const plain = await snap(['--lines=30']);
    expect(plain.stderr).not.toContain('line 1 of 30');
  });

  it('JSON: a stage finding with the step, the request and the last 20 lines as an array', async () => {
    const failures: StageFailure[] = [];
    const ports = await makePorts({ offline: true });
    const outcome = await runSnapshotStage(ports, failures, 'crash-server', async () => {
      await snapshotLaunch(
        ports,
        'crash-server',
        () => ({ kind: 'command', command: process.execPath, args: [SERVER, '--at=list', '--lines=30'] }),
        { args: [], env: [] },
        { sandbox: 'strict', recheck: false },
      );
      return null;
    });
    expect(outcome.snapshot).toBeUndefined();
    const [f] = stageFindings(failures);
    const json = JSON.parse(JSON.stringify(f));
    expect(json.code).toBe('stage/incomplete');
    expect(json.evidence).toMatchObject({ stage: 'snapshot', step: 'listing (tools/list)', request: 'tools/list' });
    expect(json.evidence.stderr).toEqual(LAST_20);
    expect(json.evidence.cause).not.toContain('line 30 of 30');
    const report = buildReport({
      command: 'verify',
      toolVersion: '0.0.0',
      subjects: [{ name: 'crash-server' }],
      findings: [f!],
      failOn: 'high',
    });
    const text = renderers.text(report, { color: false, verbose: false });
    for (const line of LAST_20) expect(text).toContain(`\n             ${line}\n`);
    expect(text).not.toContain('line 11 of 30');
    expect(JSON.parse(renderers.json(report)).findings[0].evidence.stderr).toEqual(LAST_20);
  });
});

describe('snapshot --env-placeholder (built binary)', () => {
  const TEST_SERVER = resolve(import.meta.dirname, '..', 'fixtures', 'servers', 'test-server.mjs');
  it('the server gets the placeholder as the value of the declared variable', async () => {
    const r = await runCli(
      [
        'snapshot',
        '--no-recheck',
        '--env',
        'TOKEN',
        '--env-placeholder',
        'TOKEN=sk_test_xxxxxxxx',
        '--fail-on',
        'critical',
        '--command',
        process.execPath,
        '--',
        TEST_SERVER,
        '--echo-env=TOKEN',
      ],
      { timeoutMs: 60_000 },
    );
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('sk_test_xxxxxxxx');
    expect(r.stderr).toContain('manifest/env-echoed');
  });

  it('a placeholder for an undeclared variable is a usage error before anything starts', async () => {
    const r = await runCli(['snapshot', '--env-placeholder', 'TOKEN=x', '--command', process.execPath, '--', SERVER]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('add --env TOKEN');
  });
});

describe('add --show-stderr over a local registry (real sandbox)', () => {
  let reg: LocalRegistry;
  let env: NodeJS.ProcessEnv;
  let ws: string;
  const CRASH = `for (let i = 1; i <= 30; i++) process.stderr.write('pkg crash line ' + i + ' of 30\\n');
process.exit(9);
`;
  beforeAll(async () => {
    reg = await startRegistry();
    env = await reg.npmEnv();
    const files = testServerPackage({ name: 'dx-crash', version: '1.0.0' });
    await reg.publish({
      ...files,
      'server.js': String(files['server.js']).replace('\nimport {', `\n${CRASH}import {`),
    });
    ws = await mkdtemp(join(tmpdir(), 'mcp-vet-diagnosis-add-'));
    expect((await runCli(['init'], { cwd: ws, env })).code).toBe(0);
  }, 120_000);
  afterAll(async () => {
    await reg?.stop();
    if (ws) await rm(ws, { recursive: true, force: true });
  });

  it('prints the failed start’s stderr; the JSON finding holds the last 20 lines as an array', async () => {
    const r = await runCli(['add', 'dx-crash@1.0.0', '--show-stderr', '--format', 'json'], {
      cwd: ws,
      env,
      timeoutMs: 180_000,
    });
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(/^stderr of dx-crash@1\.0\.0 \(first start\):$/m);
    expect(r.stderr).toMatch(/^ {2}pkg crash line 1 of 30$/m);
    const report = JSON.parse(r.stdout);
    const f = report.findings.find((x: { code: string }) => x.code === 'stage/incomplete');
    expect(f.evidence.stderr).toEqual(Array.from({ length: 20 }, (_, i) => `pkg crash line ${i + 11} of 30`));
  });
});
