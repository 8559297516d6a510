import { spawn } from 'node:child_process';
import { chmodSync, cpSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { StdioClientTransport } from '@modelcontextprotocol/client/stdio';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { probeServer } from '../../dist/io/mcp/probe-server.js';
import { DEFAULT_LIMITS } from '../../dist/io/sandbox/limits.js';
import { toManifest } from '../../dist/workflows/gather/snapshot.js';
import { BIN } from '../helpers/cli.js';
import { haveRealRegistry } from '../helpers/real-registry.js';

/**
 * `mcp-vet run` end to end: the official MCP client SDK starts real servers pinned by the embedded
 * default (allowlist/ and snapshots/ of this repository) through the built binary, lists them, and
 * gets the manifest digest of the pin; then the refusals, each with its exit code and message.
 */
const ROOT = resolve(import.meta.dirname, '..', '..');
let cache: string;
let online = false;

function pin(name: string): { version: string; manifest: { digest: string } } {
  return JSON.parse(readFileSync(join(ROOT, 'allowlist', `${name}.json`), 'utf8')) as never;
}

async function listThroughRun(name: string, extra: string[] = []) {
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: [BIN, 'run', ...extra, name],
    cwd: ROOT,
    env: { PATH: process.env['PATH'] ?? '', HOME: process.env['HOME'] ?? '', XDG_CACHE_HOME: cache },
    stderr: 'pipe',
  });
  const abort = new AbortController();
  const started = Date.now();
  const { client, listing } = await probeServer(transport, {
    clientInfo: { name: 'mcp-vet-e2e', version: '1' },
    negotiation: 'auto',
    startupMs: 240_000,
    limits: { maxPages: 50, maxItems: 10_000 },
    budget: { signal: abort.signal, remaining: () => 240_000 - (Date.now() - started) },
    server: name,
  });
  await client.close();
  return toManifest(listing, undefined, DEFAULT_LIMITS, name);
}

function run(args: string[], cwd = ROOT): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((done) => {
    const child = spawn(process.execPath, [BIN, 'run', ...args], {
      cwd,
      env: { PATH: process.env['PATH'], HOME: process.env['HOME'], XDG_CACHE_HOME: cache },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('close', (code) => done({ code, stdout, stderr }));
    child.stdin.end();
  });
}

beforeAll(async () => {
  cache = await mkdtemp(join(tmpdir(), 'mcp-vet-run-cache-'));
  online = await haveRealRegistry();
});
afterAll(async () => {
  const { makeWritable } = await import('../../dist/io/cache/tree-store.js');
  makeWritable(cache);
  await rm(cache, { recursive: true, force: true });
});

describe('mcp-vet run with the official client', { timeout: 600_000 }, () => {
  for (const short of ['server-memory', 'server-filesystem', 'server-everything']) {
    it(`${short}: tools listed through mcp-vet run, with the pin's manifest digest`, async (ctx) => {
      if (!online) return ctx.skip();
      const name = `@modelcontextprotocol/${short}`;
      const manifest = await listThroughRun(name);
      expect(manifest.tools.length).toBeGreaterThan(0);
      expect(manifest.digests?.manifest).toBe(pin(name).manifest.digest);
    });
  }

  it('a warm start passes stdin/stdout through and the server exit code back', async (ctx) => {
    if (!online) return ctx.skip();
    // server-memory exits 0 when its stdin closes; nothing of mcp-vet is on stdout
    const r = await run(['@modelcontextprotocol/server-memory']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toBe('');
    expect(r.stderr).not.toContain('mcp-vet run:');
    // the embedded pins record their tree digest: --verbose says what is in force, nothing about a missing digest
    const verbose = await run(['--verbose', '@modelcontextprotocol/server-memory']);
    expect(verbose.code).toBe(0);
    expect(verbose.stderr).toContain('mcp-vet run: starting @modelcontextprotocol/server-memory@');
    expect(verbose.stderr).not.toContain('the pin records no tree digest');
  });
});

describe('mcp-vet run refusals', { timeout: 600_000 }, () => {
  it('no pin: exit 2, NOT_PINNED', async () => {
    const r = await run(['left-pad']);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/^mcp-vet run: no pin for left-pad in .*allowlist .*\[NOT_PINNED\]$/m);
    const outside = await run(['left-pad'], tmpdir());
    expect(outside.code).toBe(2);
    expect(outside.stderr).toContain('no allowlist/ folder');
  });

  it('another version than the pin: exit 1, PIN_MISMATCH', async () => {
    const r = await run(['@modelcontextprotocol/server-memory@1.0.0']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(
      /server-memory@1\.0\.0 is not the pinned version: .* pins .*@2026\.8\.31 .*\[PIN_MISMATCH\]/,
    );
  });

  it('stored evidence that does not verify: exit 1, EVIDENCE_INVALID', async () => {
    const ws = await mkdtemp(join(tmpdir(), 'mcp-vet-run-ws-'));
    try {
      cpSync(join(ROOT, 'allowlist'), join(ws, 'allowlist'), { recursive: true });
      cpSync(join(ROOT, 'snapshots'), join(ws, 'snapshots'), { recursive: true });
      const lock = join(ws, 'snapshots/@modelcontextprotocol/server-memory/2026.8.31/lock.json');
      writeFileSync(lock, readFileSync(lock, 'utf8').replace('"version": "', '"version": "9'));
      const r = await run(['--allowlist', join(ws, 'allowlist'), '@modelcontextprotocol/server-memory']);
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(/the stored evidence does not verify: .*lock\.json.*\[EVIDENCE_INVALID\]/);
    } finally {
      await rm(ws, { recursive: true, force: true });
    }
  });

  it('a tampered cache is detected and not started: exit 1, CACHE_TAMPERED; prune --invalid removes it', async (ctx) => {
    if (!online) return ctx.skip();
    expect((await run(['@modelcontextprotocol/server-memory'])).code).toBe(0);
    const trees = join(cache, 'mcp-vet/run/v2/trees');
    const key = readdirSync(trees).find((k) =>
      readFileSync(join(trees, k, 'record.json'), 'utf8').includes('"name":"@modelcontextprotocol/server-memory"'),
    ) as string;
    const file = join(trees, key, 'tree/node_modules/@modelcontextprotocol/server-memory/dist/index.js');
    chmodSync(file, 0o644);
    writeFileSync(file, `process.stdout.write('tampered');\n${readFileSync(file, 'utf8')}`);
    const r = await run(['@modelcontextprotocol/server-memory']);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(
      /the cached install differs from the pin \(.*dist\/index\.js changed content.*\[CACHE_TAMPERED\]/,
    );
    const verify = spawn(process.execPath, [BIN, 'cache', 'verify'], {
      env: { ...process.env, XDG_CACHE_HOME: cache },
    });
    const verifyCode = await new Promise((done) => verify.on('close', done));
    expect(verifyCode).toBe(1);
    const prune = spawn(process.execPath, [BIN, 'cache', 'prune', '--invalid'], {
      env: { ...process.env, XDG_CACHE_HOME: cache },
    });
    expect(await new Promise((done) => prune.on('close', done))).toBe(0);
    expect(readdirSync(trees)).not.toContain(key);
  });
});
