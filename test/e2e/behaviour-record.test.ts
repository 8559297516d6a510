import { spawn } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { detectOsSandbox } from '../../src/io/sandbox/layers.js';
import { detectTracer } from '../../src/io/sandbox/tracer.js';
import { BIN, runCli } from '../helpers/cli.js';

const HOSTILE = resolve(import.meta.dirname, '..', 'fixtures', 'servers', 'hostile-server.mjs');
const os = detectOsSandbox();
const tracer = detectTracer();
const haveBwrap = os.hide === 'bwrap';
const haveStrace = tracer.strace !== null;
if (!haveBwrap)
  console.warn(`skipping bubblewrap checks: bubblewrap is not usable here (${JSON.stringify(os.unavailable)})`);
if (!haveStrace) console.warn(`skipping traced checks: ${'reason' in tracer ? tracer.reason : ''}`);

let out: string;
beforeAll(async () => {
  out = await mkdtemp(join(tmpdir(), 'mcp-vet-behaviour-test-'));
});
afterAll(async () => {
  await rm(out, { recursive: true, force: true });
});

const snap = (name: string, flags: string[], extra: string[] = []) =>
  runCli(
    [
      'snapshot',
      '--no-recheck',
      '--behaviour',
      join(out, `${name}.behaviour.json`),
      '--report',
      join(out, `${name}.report.json`),
      ...extra,
      '--command',
      process.execPath,
      '--',
      HOSTILE,
      ...flags,
    ],
    { timeoutMs: 90_000 },
  );
const read = async (name: string) => ({
  behaviour: JSON.parse(await readFile(join(out, `${name}.behaviour.json`), 'utf8')),
  codes: (JSON.parse(await readFile(join(out, `${name}.report.json`), 'utf8')).findings as Array<{ code: string }>).map(
    (f) => f.code,
  ),
});

describe('behaviour record (built binary, strace)', () => {
  it.skipIf(!haveStrace)(
    'reports each hostile behaviour: a shell, a dial-out, a socket on every interface',
    async () => {
      const r = await snap('hostile', ['--aws']);
      expect(r.code).toBe(1);
      const { behaviour, codes } = await read('hostile');
      expect(behaviour.tracer).toBe('strace');
      expect(behaviour.spawns).toEqual([{ command: ['/bin/sh', '-c', 'echo stage2 >/dev/null'] }]);
      expect(behaviour.connections).toEqual([{ address: '127.0.0.1:4444' }]);
      expect(behaviour.sockets).toEqual([{ address: '[::]:47123', allInterfaces: true, listening: true }]);
      expect(behaviour.files).toEqual([
        { path: '${HOME}/.aws/credentials', sensitive: 'AWS credentials', write: false },
      ]);
      expect(codes).toEqual(
        expect.arrayContaining([
          'behaviour/spawns-process',
          'behaviour/connects',
          'behaviour/listens-on-all-interfaces',
          'behaviour/sensitive-path',
        ]),
      );
    },
  );

  it.skipIf(!haveStrace)('the same server without those behaviours is clean', async () => {
    const r = await snap('benign', ['--benign']);
    expect(r.code).toBe(0);
    const { behaviour, codes } = await read('benign');
    expect(behaviour).toMatchObject({
      tracer: 'strace',
      spawns: [],
      connections: [],
      sockets: [],
      files: [],
      denials: [],
    });
    expect(codes.filter((c) => c.startsWith('behaviour/'))).toEqual([]);
  });

  it.skipIf(!haveBwrap)(
    'two starts give identical manifests although the server writes its paths and the time into its tools',
    async () => {
      const args = [
        'snapshot',
        '--command',
        process.execPath,
        '--',
        HOSTILE,
        '--benign',
        '--cwd-in-description',
        '--clock-in-schema',
      ];
      const a = await runCli(args);
      const b = await runCli(args);
      expect(a.code).toBe(0);
      expect(a.stderr).not.toContain('manifest/unstable');
      const m = JSON.parse(a.stdout);
      expect(m.tools[0].description).toBe('Lists files below ${WORKSPACE} (home ${HOME}).');
      expect(m.tools[0].inputSchema.properties.since.default).toBe('${NOW-30d}');
      expect(m.digests.manifest).toBe(JSON.parse(b.stdout).digests.manifest);
    },
  );
});

describe('clean-up when mcp-vet is killed during a snapshot', () => {
  const marker = `mcp-vet-kill-test-${process.pid}`;
  const serverProcesses = () =>
    readdirSync('/proc')
      .filter((p) => /^\d+$/.test(p))
      .filter((p) => {
        try {
          return readFileSync(`/proc/${p}/cmdline`, 'utf8').includes(marker);
        } catch {
          return false;
        }
      });

  for (const signal of ['SIGKILL', 'SIGTERM', 'SIGINT'] as const) {
    it.skipIf(process.platform !== 'linux')(
      `${signal}: no process and no temp folder is left`,
      async () => {
        const tmp = await mkdtemp(join(tmpdir(), 'mcp-vet-kill-'));
        try {
          const child = spawn(
            process.execPath,
            [
              BIN,
              'snapshot',
              '--no-recheck',
              '--command',
              process.execPath,
              '--',
              HOSTILE,
              '--benign',
              '--hang',
              marker,
            ],
            { env: { PATH: process.env['PATH'], HOME: process.env['HOME'], TMPDIR: tmp }, stdio: 'ignore' },
          );
          // mcp-vet's own command line holds the marker too: wait for the server (another process).
          const others = () => serverProcesses().filter((p) => Number(p) !== child.pid);
          const started = async () =>
            others().length > 0 && (await readdir(tmp)).some((d) => d.startsWith('mcp-vet-sandbox-'));
          const deadline = Date.now() + 20_000;
          while (!(await started()) && Date.now() < deadline) await new Promise((d) => setTimeout(d, 100));
          await new Promise((d) => setTimeout(d, 300));
          expect(await started()).toBe(true);
          const exited = new Promise((d) => child.once('exit', d));
          child.kill(signal);
          await exited;
          const until = Date.now() + 10_000;
          while ((serverProcesses().length > 0 || (await readdir(tmp)).length > 0) && Date.now() < until)
            await new Promise((d) => setTimeout(d, 100));
          expect(serverProcesses()).toEqual([]);
          expect(await readdir(tmp)).toEqual([]);
        } finally {
          await rm(tmp, { recursive: true, force: true });
        }
      },
      60_000,
    );
  }
});
