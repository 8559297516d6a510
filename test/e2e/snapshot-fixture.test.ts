import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { detectOsSandbox } from '../../src/io/sandbox/layers.js';
import { makePorts } from '../../src/cli/make-ports.js';
import { snapshotLaunch } from '../../src/workflows/gather/snapshot.js';
import { runCli } from '../helpers/cli.js';

const SERVER = resolve(import.meta.dirname, '..', 'fixtures', 'servers', 'test-server.mjs');
const snap = (flags: string[], extra: string[] = []) =>
  runCli(['snapshot', ...extra, '--command', process.execPath, '--', SERVER, ...flags], { timeoutMs: 90_000 });
const os = detectOsSandbox();
const haveNetns = os.active.includes('network-namespace');
if (!haveNetns)
  console.warn(`skipping network-namespace checks: ${os.unavailable.map((u) => `${u.layer}: ${u.reason}`).join('; ')}`);

let out: string;
beforeAll(async () => {
  out = await mkdtemp(join(tmpdir(), 'mcp-vet-snap-test-'));
});
afterAll(async () => {
  await rm(out, { recursive: true, force: true });
});

describe('snapshot of the test server (built binary)', () => {
  it('follows pages and records tools, prompts, resources, templates and instructions', async () => {
    const r = await snap(['--page-size=1']);
    expect(r.stderr).not.toMatch(/\[[A-Z_]+\]$/m);
    expect(r.code).toBe(0);
    const m = JSON.parse(r.stdout);
    expect(m.tools.map((t: { name: string }) => t.name)).toEqual(['add', 'clock', 'echo']);
    expect(m.tools.find((t: { name: string }) => t.name === 'echo')['x-unknown']).toBe('kept');
    expect(m.prompts.map((p: { name: string }) => p.name)).toEqual(['bye', 'greet']);
    expect(m.resources.map((p: { uri: string }) => p.uri)).toEqual(['test://a', 'test://b']);
    expect(m.resourceTemplates).toHaveLength(1);
    expect(m.instructions).toBe('Use echo for testing.');
    expect(m.serverInfo).toEqual({ name: 'test-server', version: '1.0.0' });
    expect(m.probe.sandbox.lifted).toContain('node-permission');
    expect(m.digests.tools.echo).toMatch(/^sha256:/);
  });

  it('speaks 2026-07-28 server/discover and still pages', async () => {
    const r = await snap(['--modern', '--page-size=2'], ['--out', join(out, 'modern.json')]);
    expect(r.code).toBe(0);
    const m = JSON.parse(await readFile(join(out, 'modern.json'), 'utf8'));
    expect(m.protocolVersion).toBe('2026-07-28');
    expect(m.tools).toHaveLength(3);
  });

  it('falls back to initialize when the server exits on server/discover', async () => {
    const r = await snap(['--strict-legacy']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).protocolVersion).toBe('2025-11-25');
  });

  it('re-lists tools after notifications/tools/list_changed', async () => {
    const r = await snap(['--list-changed'], ['--fail-on', 'critical']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).tools.map((t: { name: string }) => t.name)).toContain('late');
    expect(r.stderr).toContain('manifest/list-changed');
  });

  it('reports a second-launch switch and a client-name switch as manifest/unstable', async () => {
    const a = await snap(['--switch-second'], ['--report', join(out, 'second.json')]);
    expect(a.code).toBe(1);
    const report = JSON.parse(await readFile(join(out, 'second.json'), 'utf8'));
    const f = report.findings.find((x: { code: string }) => x.code === 'manifest/unstable');
    expect(f.evidence.differences[0].other.description).toContain('id_rsa');
    expect(f.evidence.differences[0].first.description).not.toContain('id_rsa');
    const b = await snap(['--switch-client']);
    expect(b.code).toBe(1);
    expect(b.stderr).toMatch(/manifest\/unstable.*claude-ai/);
  });

  it('records -32601 on resources/templates/list as unsupported, not as an error', async () => {
    const r = await snap(['--no-templates'], ['--no-recheck', '--report', join(out, 'no-templates.json')]);
    expect(r.code).toBe(0);
    const m = JSON.parse(r.stdout);
    expect(m.lists).toEqual({
      tools: 'listed',
      prompts: 'listed',
      resources: 'listed',
      resourceTemplates: 'unsupported',
    });
    expect(m.resourceTemplates).toEqual([]);
    expect(m.resources).toHaveLength(2);
    const report = JSON.parse(await readFile(join(out, 'no-templates.json'), 'utf8'));
    expect(report.findings.map((f: { code: string }) => f.code)).not.toContain('manifest/list-failed');
  });

  it('a failing resources/list is a finding naming it; tools, prompts and templates are kept', async () => {
    const r = await snap(['--resources-fail'], ['--no-recheck', '--report', join(out, 'resources-fail.json')]);
    expect(r.code).toBe(0);
    const m = JSON.parse(r.stdout);
    expect(m.lists.resources).toBe('failed');
    expect(m.tools.map((t: { name: string }) => t.name)).toEqual(['add', 'clock', 'echo']);
    expect(m.prompts).toHaveLength(2);
    expect(m.resourceTemplates).toHaveLength(1);
    const report = JSON.parse(await readFile(join(out, 'resources-fail.json'), 'utf8'));
    const f = report.findings.find((x: { code: string }) => x.code === 'manifest/list-failed');
    expect(f).toMatchObject({ severity: 'medium', location: { name: 'resources/list' } });
    expect(f.evidence).toMatchObject({ request: 'resources/list', errorCode: -32603 });
  });

  it('skips garbage on stdout and reports it', async () => {
    const r = await snap(['--garbage'], ['--fail-on', 'critical']);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('manifest/stdout-noise');
  });

  it.skipIf(!haveNetns)('denies the network and shows the attempt as a finding', async () => {
    const r = await snap(['--escape'], ['--show-stderr', '--env', 'TOKEN']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/escape network: ENETUNREACH/);
    expect(r.stderr).toMatch(/escape env: HOME,LANG,NO_COLOR,PATH,(PWD,)?TMPDIR,TOKEN,USERPROFILE$/m);
    expect(r.stderr).toContain('manifest/sandbox-denied');
  });

  it('reports an echoed placeholder value', async () => {
    const r = await snap(['--echo-env=TOKEN'], ['--env', 'TOKEN', '--fail-on', 'critical']);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('manifest/env-echoed');
  });
});

describe('bad servers', () => {
  it('a server that never answers: TIMEOUT within the start-up timeout', async () => {
    const r = await snap(['--never-answer'], ['--startup-timeout', '2', '--no-recheck']);
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/start-up timeout.*\[TIMEOUT\]/);
  });

  it('a server that exits at once: SERVER_FAILED with its status', async () => {
    const r = await snap(['--exit-at-once']);
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/exited with status 3.*\[SERVER_FAILED\]/);
  });

  it('a server that crashes while listing', async () => {
    const r = await snap(['--crash']);
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/during listing \(tools\/list\): the server exited with status 7[^]*crashing on purpose/);
  });

  it('a server that prints only non-JSON: a timeout naming the garbage', async () => {
    const r = await snap(['--non-json'], ['--startup-timeout', '2', '--no-recheck']);
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/non-JSON line.*this is not json/);
  });

  it('100,000 tools: refused with a clear error', async () => {
    const r = await snap(['--many=100000'], ['--no-recheck']);
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/more than 10000 items/);
  });

  it('a cursor loop: refused', async () => {
    const r = await snap(['--cursor-loop'], ['--no-recheck']);
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/a second time \(pagination loop\)/);
  });

  it('control characters and escape sequences never reach the terminal raw', async () => {
    const r = await snap(['--control', '--switch-client']);
    expect(r.stdout + r.stderr).not.toMatch(/[\u001b\u0007\u202e\u009b]/);
    expect(JSON.parse(r.stdout).tools.find((t: { name: string }) => t.name === 'echo').description).toContain(
      '\u001b[2J',
    );
  });

  it('a slow start within the timeout still works', async () => {
    const r = await snap(['--slow-start=1500'], ['--no-recheck']);
    expect(r.code).toBe(0);
  });

  it('a 20 MB description is recorded whole', async () => {
    const r = await snap(['--huge=20'], ['--no-recheck', '--out', join(out, 'huge.json')]);
    expect(r.code).toBe(0);
    const m = JSON.parse(await readFile(join(out, 'huge.json'), 'utf8'));
    expect(m.tools.find((t: { name: string }) => t.name === 'huge').description).toHaveLength(20 * 1024 * 1024);
  });
});

describe('snapshot --format and --output', () => {
  it('json is the default: the same bytes on stdout, with --format json, and in --output FILE', async () => {
    const plain = await snap([], ['--no-recheck']);
    const json = await snap([], ['--no-recheck', '--format', 'json']);
    const file = join(out, 'format.json');
    const written = await snap([], ['--no-recheck', '--output', file]);
    expect([plain.code, json.code, written.code]).toEqual([0, 0, 0]);
    expect(json.stdout).toBe(plain.stdout);
    expect(written.stdout).toBe('');
    expect(await readFile(file, 'utf8')).toBe(plain.stdout);
    expect(JSON.parse(plain.stdout).$schema).toBe('urn:mcp-vet:schema:manifest:1');
  });

  it('text: every tool with its parameters and description, escaped, and the findings', async () => {
    const r = await snap(['--control'], ['--no-recheck', '--format', 'text']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^test-server 1\.0\.0: 3 tools, 2 prompts, 2 resources, 1 resource template\n/);
    expect(r.stdout).toContain('tools (3):\n  add(a: number, b: number)\n      Adds two numbers.\n');
    expect(r.stdout).toContain('greet(who)');
    expect(r.stdout).toContain('findings (0):');
    expect(r.stdout).toContain('\\u{001B}[2J');
    expect(r.stdout + r.stderr).not.toMatch(/[\u001b\u0007\u202e]/);
  });

  it('markdown to --output FILE: nothing on stdout, the sections in the file', async () => {
    const file = join(out, 'manifest.md');
    const r = await snap([], ['--no-recheck', '--format', 'markdown', '--output', file]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    const text = await readFile(file, 'utf8');
    expect(text).toMatch(/^## mcp-vet snapshot: test-server 1\.0\.0/);
    expect(text).toContain('### Tools (3)');
    expect(text).toContain('- **echo\\(text: string\\)**: Echoes the text back.');
  });

  it('an unknown format is a usage error (exit 2) before the server starts', async () => {
    const r = await snap([], ['--format', 'sarif']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("argument 'sarif' is invalid");
    expect(r.stderr).not.toContain('sandbox:');
  });
});

describe('Node permission layer (a Node script started as a package bin would be)', () => {
  const dir = resolve(import.meta.dirname, '..', 'fixtures', 'servers');
  const target = (flags: string[]) => () => ({ kind: 'node' as const, script: SERVER, args: flags, installDir: dir });

  it('denies ~/.ssh, child processes, workers and writes outside the sandbox', async () => {
    const r = await snapshotLaunch(
      await makePorts({ offline: true }),
      'test-server',
      target(['--escape']),
      { args: [], env: [] },
      { sandbox: 'strict', recheck: false },
    );
    expect(r.manifest.probe?.sandbox.active).toContain('node-permission');
    // Inside a bubblewrap root ~/.ssh is simply not there (reads are not restricted, so config
    // searches work); without one, Node's permission layer denies the read.
    if (os.hide === 'bwrap') expect(r.stderr).toMatch(/escape ssh: ENOENT/);
    else expect(r.stderr).toMatch(/escape ssh: ERR_ACCESS_DENIED FileSystemRead/);
    expect(r.findings.map((f) => f.code)).toContain('behaviour/sensitive-path');
    expect(r.stderr).toMatch(/escape spawn: ERR_ACCESS_DENIED ChildProcess/);
    expect(r.stderr).toMatch(/escape worker: ERR_ACCESS_DENIED WorkerThreads/);
    expect(r.stderr).toMatch(/escape write: ERR_ACCESS_DENIED FileSystemWrite/);
    const kinds = r.findings.filter((f) => f.code === 'manifest/sandbox-denied').map((f) => f.location?.name);
    expect(kinds).toEqual(
      expect.arrayContaining(['child-process', 'file-write', 'worker', ...(os.hide === 'bwrap' ? [] : ['file-read'])]),
    );
  });

  it('--sandbox relaxed lifts only the Node layer', async () => {
    const r = await snapshotLaunch(
      await makePorts({ offline: true }),
      'test-server',
      target(['--escape']),
      { args: [], env: [] },
      { sandbox: 'relaxed', recheck: false },
    );
    expect(r.manifest.probe?.sandbox.lifted).toEqual(['node-permission']);
    expect(r.stderr).toMatch(/escape spawn: ALLOWED/);
    if (haveNetns) expect(r.stderr).toMatch(/escape network: ENETUNREACH/);
  });

  it.each([
    [
      'that needs a child process (the denial in its stderr)',
      '--spawn-or-die',
      /^denied child-process at start-up; the bubblewrap root still hides/,
    ],
    [
      'that ends during its handshake naming no denial',
      '--spawn-or-die-quietly',
      /^the server ended during its handshake under it, naming no denial; the bubblewrap root still hides/,
    ],
  ])('strict inside a bubblewrap root lifts the Node layer for a server %s, and records why', async (_, flag, why) => {
    if (os.hide !== 'bwrap') {
      console.warn('skipping the lift check: no bubblewrap root here (install bubblewrap)');
      return;
    }
    const r = await snapshotLaunch(
      await makePorts({ offline: true }),
      'test-server',
      target([flag]),
      { args: [], env: [] },
      { sandbox: 'strict', recheck: false },
    );
    expect(r.manifest.tools.map((t) => t.name)).toEqual(['add', 'clock', 'echo']);
    expect(r.manifest.probe?.sandbox.lifted).toEqual(['node-permission']);
    expect(r.manifest.probe?.sandbox.active).toEqual(expect.arrayContaining(['bubblewrap', 'host-hidden']));
    expect(r.sandbox?.lifted[0]?.reason).toMatch(why);
    if (flag === '--spawn-or-die') expect(r.behaviour?.denials).toContainEqual({ kind: 'child-process' });
  });
});
