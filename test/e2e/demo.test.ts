import { spawn } from 'node:child_process';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const DEMO = resolve(import.meta.dirname, '..', '..', 'scripts', 'demo.mjs');

interface DemoRun {
  code: number | null;
  output: string;
}

/**
 * Runs `node scripts/demo.mjs` (npm test has built dist/ first) with its temp dir under `tmp`;
 * `interruptAt`: send SIGINT, as Ctrl-C does, once the output contains this text.
 */
function runDemo(tmp: string, interruptAt?: string): Promise<DemoRun> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [DEMO], {
      // an npm_config_registry from `npm test` must not matter: the demo builds its own env
      env: {
        PATH: process.env['PATH'],
        HOME: process.env['HOME'],
        NO_COLOR: '1',
        MCP_VET_DEMO_TMP: tmp,
        npm_config_registry: 'http://127.0.0.1:9/',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    const collect = (d: Buffer) => {
      output += d.toString();
      if (interruptAt !== undefined && output.includes(interruptAt)) {
        interruptAt = undefined;
        child.kill('SIGINT');
      }
    };
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    const timer = setTimeout(() => child.kill('SIGINT'), 150_000);
    child.on('error', fail);
    child.on('close', (code) => {
      clearTimeout(timer);
      done({ code, output });
    });
  });
}

describe('npm run demo', () => {
  let tmp: string;
  let run: DemoRun;

  beforeAll(async () => {
    tmp = await mkdtemp(join(tmpdir(), 'mcp-vet-demo-test-'));
    run = await runDemo(tmp);
  }, 180_000);
  afterAll(async () => rm(tmp, { recursive: true, force: true }));

  it('ends with exit 0 after everything behaved as expected', () => {
    expect(run.output).toContain('Demo complete');
    expect(run.code, run.output).toBe(0);
  });

  it('shows verify blocking each of the four changes of the rug pull with exit 1', () => {
    const verify = section(run.output, '$ mcp-vet verify acme-notes-mcp@1.1.0', '== Step 4');
    for (const code of [
      'poison/secrecy-directive', // the poisoned description
      'poison/hidden-instruction-markup',
      'poison/exfiltration-parameter', // conversation_history
      'package/install-script-added', // postinstall
      'package/new-email-address', // the BCC
    ]) {
      expect(verify).toContain(code);
    }
    expect(verify).toMatch(/mcp-vet verify: block/);
    expect(verify).toContain('(exit code 1)');
  });

  it('shows check failing on the unpinned server and the shadow server', () => {
    const check = section(run.output, '$ mcp-vet check', 'Demo complete');
    expect(check).toContain('config/unpinned');
    expect(check).toContain('config/shadow-server');
    expect(check).toContain('(exit code 1)');
  });

  it('stops Verdaccio and leaves no temp dir behind', async () => {
    expect(await readdir(tmp)).toEqual([]);
    await expect(fetch(`${registryUrl(run.output)}-/ping`)).rejects.toThrow();
  });
});

describe('npm run demo, interrupted with Ctrl-C', () => {
  let tmp: string;
  let run: DemoRun;

  beforeAll(async () => {
    tmp = await mkdtemp(join(tmpdir(), 'mcp-vet-demo-test-'));
    run = await runDemo(tmp, '$ mcp-vet verify');
  }, 180_000);
  afterAll(async () => rm(tmp, { recursive: true, force: true }));

  it('exits 130, stops Verdaccio and removes its temp dir', async () => {
    expect(run.output).toContain('demo interrupted (SIGINT)');
    expect(run.output).not.toContain('Demo complete');
    expect(run.code, run.output).toBe(130);
    expect(await readdir(tmp)).toEqual([]);
    await expect(fetch(`${registryUrl(run.output)}-/ping`)).rejects.toThrow();
  });
});

function registryUrl(output: string): string {
  const url = /Verdaccio listens on (http:\/\/127\.0\.0\.1:\d+\/)/.exec(output)?.[1];
  expect(url, 'the demo names its registry').toBeDefined();
  return url!;
}

function section(output: string, from: string, to: string): string {
  const start = output.indexOf(from);
  expect(start, `output has no "${from}"`).toBeGreaterThanOrEqual(0);
  const end = output.indexOf(to, start);
  return output.slice(start, end === -1 ? undefined : end);
}
