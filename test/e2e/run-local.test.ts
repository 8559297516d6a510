import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { chmodSync, closeSync, cpSync, lstatSync, openSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { detectOsSandbox } from '../../dist/io/sandbox/layers.js';
import { BIN, runCli } from '../helpers/cli.js';
import { libraryPackage, testServerPackage } from '../helpers/test-packages.js';
import { startRegistry, type LocalRegistry } from '../helpers/verdaccio.js';

/**
 * `mcp-vet run` from the outside, over a local registry: a server written for this test (it shows
 * its environment, opens a loopback connection, reads a file, exits with the code given as its
 * argument, and with 42/43 on SIGTERM/SIGINT) is pinned with `mcp-vet add` and started through
 * the built binary: concurrent cold starts, the stdio stream, exit codes, signals, the death of
 * mcp-vet, and the containment (environment, network, files).
 */
const SERVER = `#!/usr/bin/env node
import { createInterface } from 'node:readline';
import { connect } from 'node:net';
import { readFileSync } from 'node:fs';
import 'vet-run-dep';
const tool = (name) => ({ name, description: 'test tool ' + name, inputSchema: { type: 'object', properties: { text: { type: 'string' } } } });
const tools = [tool('env'), tool('connect'), tool('read')];
const send = (msg) => process.stdout.write(JSON.stringify({ jsonrpc: '2.0', ...msg }) + '\\n');
const answer = (id, text) => send({ id, result: { content: [{ type: 'text', text }] } });
process.on('SIGTERM', () => process.exit(42));
process.on('SIGINT', () => process.exit(43));
process.stderr.write('vet-run-server pid ' + process.pid + '\\n');
const rl = createInterface({ input: process.stdin });
rl.on('line', (line) => {
  let req;
  try { req = JSON.parse(line); } catch { return; }
  if (req.id === undefined) return;
  if (req.method === 'initialize') {
    send({ id: req.id, result: { protocolVersion: req.params?.protocolVersion ?? '2025-06-18', capabilities: { tools: {} }, serverInfo: { name: 'vet-run-server', version: '1.0.0' } } });
  } else if (req.method === 'tools/list') {
    send({ id: req.id, result: { tools } });
  } else if (req.method === 'tools/call') {
    const { name, arguments: args } = req.params;
    if (name === 'env') answer(req.id, JSON.stringify(process.env));
    else if (name === 'read') {
      try { answer(req.id, readFileSync(args.text, 'utf8')); } catch (e) { answer(req.id, 'error ' + e.code); }
    } else {
      const s = connect(Number(args.text), '127.0.0.1');
      s.on('connect', () => { answer(req.id, 'connected'); s.destroy(); });
      s.on('error', (e) => answer(req.id, 'error ' + e.code));
    }
  } else send({ id: req.id, error: { code: -32601, message: 'method not found' } });
});
rl.on('close', () => process.exit(Number(process.argv[2] ?? 0)));
`;

// a CommonJS server that starts only as the main module (a common guard), with its own argv
const CJS_SERVER = `#!/usr/bin/env node
const { createInterface } = require('node:readline');
function main() {
  process.stderr.write('vet-run-server pid ' + process.pid + '\\n');
  const send = (msg) => process.stdout.write(JSON.stringify({ jsonrpc: '2.0', ...msg }) + '\\n');
  createInterface({ input: process.stdin }).on('line', (line) => {
    const req = JSON.parse(line);
    if (req.method === 'initialize')
      send({ id: req.id, result: { protocolVersion: '2025-06-18', capabilities: {}, serverInfo: { name: 'vet-run-cjs', version: process.argv.slice(2).join(' ') } } });
  });
}
if (process.argv[2] === '--throw') throw new Error('vet-run-cjs cannot start');
if (require.main === module && process.argv[1] === __filename) main();
`;

let reg: LocalRegistry;
let npmEnv: NodeJS.ProcessEnv;
let ws: string;
let cache: string;

beforeAll(async () => {
  reg = await startRegistry();
  npmEnv = await reg.npmEnv();
  await reg.publish(libraryPackage('vet-run-dep', '1.0.0'));
  await reg.publish(
    testServerPackage({
      name: 'vet-run-server',
      version: '1.0.0',
      dependencies: { 'vet-run-dep': '^1.0.0' },
      files: { 'server.js': SERVER },
    }),
  );
  await reg.publish(
    testServerPackage({
      name: 'vet-run-cjs',
      version: '1.0.0',
      files: {
        'package.json': JSON.stringify({ name: 'vet-run-cjs', version: '1.0.0', bin: { 'vet-run-cjs': 'server.js' } }),
        'server.js': CJS_SERVER,
      },
    }),
  );
  ws = await mkdtemp(join(tmpdir(), 'mcp-vet-run-local-'));
  cache = await mkdtemp(join(tmpdir(), 'mcp-vet-run-local-cache-'));
  expect((await runCli(['init'], { cwd: ws, env: npmEnv })).code).toBe(0);
  const add = await runCli(['add', 'vet-run-server@1.0.0', '--by', 'tests', '--env', 'RUN_DECLARED'], {
    cwd: ws,
    env: npmEnv,
  });
  expect(add.code, add.stderr).toBe(0);
  const addCjs = await runCli(['add', 'vet-run-cjs@1.0.0', '--by', 'tests'], { cwd: ws, env: npmEnv });
  expect(addCjs.code, addCjs.stderr).toBe(0);
}, 300_000);
afterAll(async () => {
  const { makeWritable } = await import('../../dist/io/cache/tree-store.js');
  if (cache) makeWritable(cache);
  await rm(cache, { recursive: true, force: true });
  await rm(ws, { recursive: true, force: true });
  await reg?.stop();
});

interface Session {
  child: ChildProcessWithoutNullStreams;
  /** every line the server wrote on stdout, as received */
  lines: string[];
  stderr: () => string;
  request: (method: string, params?: unknown) => Promise<{ result?: unknown; error?: unknown }>;
  call: (tool: string, text: string) => Promise<string>;
  /** the server's pid, from its first stderr line */
  serverPid: () => Promise<number>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

function start(args: string[], extraEnv: NodeJS.ProcessEnv = {}, stdin?: number, cwd = ws): Session {
  const child = spawn(process.execPath, [BIN, 'run', ...args], {
    cwd,
    env: { PATH: process.env['PATH'], HOME: process.env['HOME'], XDG_CACHE_HOME: cache, ...npmEnv, ...extraEnv },
    stdio: [stdin ?? 'pipe', 'pipe', 'pipe'],
  }) as ChildProcessWithoutNullStreams;
  const lines: string[] = [];
  const waiting = new Map<number, (msg: never) => void>();
  let buf = '';
  let err = '';
  child.stdout.on('data', (d: Buffer) => {
    buf += d.toString();
    for (let nl = buf.indexOf('\n'); nl !== -1; nl = buf.indexOf('\n')) {
      const line = buf.slice(0, nl);
      buf = buf.slice(nl + 1);
      lines.push(line);
      const msg = JSON.parse(line) as { id: number };
      waiting.get(msg.id)?.(msg as never);
    }
  });
  const pidWaiters: Array<() => void> = [];
  child.stderr.on('data', (d: Buffer) => {
    err += d.toString();
    for (const w of pidWaiters.splice(0)) w();
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((done) =>
    child.on('close', (code, signal) => done({ code, signal })),
  );
  let id = 0;
  const request = (method: string, params: unknown = {}) =>
    new Promise<{ result?: unknown; error?: unknown }>((done, fail) => {
      const n = ++id;
      waiting.set(n, done);
      void exited.then((e) => fail(new Error(`mcp-vet run ended (${JSON.stringify(e)}): ${err}`)));
      child.stdin.write(`${JSON.stringify({ jsonrpc: '2.0', id: n, method, params })}\n`);
    });
  const call = async (tool: string, text: string) => {
    const r = (await request('tools/call', { name: tool, arguments: { text } })) as {
      result: { content: Array<{ text: string }> };
    };
    return r.result.content[0]?.text ?? '';
  };
  const serverPid = async () => {
    for (;;) {
      const m = /vet-run-server pid (\d+)/.exec(err);
      if (m) return Number(m[1]);
      await new Promise<void>((next) => pidWaiters.push(next));
    }
  };
  return { child, lines, stderr: () => err, request, call, serverPid, exited };
}

const INIT = { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'e2e', version: '1' } };

/** Alive, and not a zombie waiting to be reaped. */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return process.platform !== 'linux';
  }
}

async function gone(pid: number, deadlineMs = 20_000): Promise<boolean> {
  const until = Date.now() + deadlineMs;
  while (alive(pid) && Date.now() < until) await new Promise((next) => setTimeout(next, 50));
  return !alive(pid);
}

describe('mcp-vet run over a local registry', { timeout: 300_000 }, () => {
  it('four cold starts at once on an empty cache: all start, one whole tree in the cache', async () => {
    const sessions = [0, 1, 2, 3].map(() => start(['vet-run-server']));
    const inits = await Promise.all(sessions.map((s) => s.request('initialize', INIT)));
    for (const r of inits) expect(r).toMatchObject({ result: { serverInfo: { name: 'vet-run-server' } } });
    for (const s of sessions) s.child.stdin.end();
    for (const s of sessions) expect((await s.exited).code, s.stderr()).toBe(0);
    const root = join(cache, 'mcp-vet/run/v2');
    expect(readdirSync(join(root, 'trees'))).toHaveLength(1);
    expect(readdirSync(join(root, 'staging'))).toEqual([]);
    const verify = await runCli(['cache', 'verify'], { env: { XDG_CACHE_HOME: cache } });
    expect(verify.code, verify.stdout + verify.stderr).toBe(0);
  });

  it('stdout carries only the JSON-RPC stream; exit code and arguments pass through', async () => {
    const s = start(['vet-run-server', '--', '7']);
    await s.request('initialize', INIT);
    await s.request('tools/list');
    s.child.stdin.end();
    expect((await s.exited).code).toBe(7);
    expect(s.lines).toHaveLength(2);
    for (const line of s.lines) expect(JSON.parse(line)).toMatchObject({ jsonrpc: '2.0' });
    expect(s.stderr()).not.toContain('mcp-vet');
  });

  // a warm default start runs the server in mcp-vet's own process; --limit-fs needs a process of
  // its own (Node flags), started behind the gate, with signals forwarded and the lifeline in place
  for (const [signal, code, how] of [
    ['SIGTERM', 42, []],
    ['SIGINT', 43, []],
    ['SIGTERM', 42, ['--limit-fs']],
    ['SIGINT', 43, ['--limit-fs']],
  ] as const) {
    it(`${signal} reaches the server, and its exit code comes back${how.length ? ` (${how.join(' ')})` : ''}`, async () => {
      const s = start([...how, 'vet-run-server']);
      await s.request('initialize', INIT);
      const pid = await s.serverPid();
      s.child.kill(signal);
      expect((await s.exited).code).toBe(code);
      expect(await gone(pid)).toBe(true);
    });
  }

  for (const how of [[], ['--limit-fs']])
    it(`mcp-vet killed outright (SIGKILL) leaves no server running, though its stdin stays open${how.length ? ` (${how.join(' ')})` : ''}`, async (ctx) => {
      // stdin is a FIFO this test holds open (not a pipe Node closes when mcp-vet dies), so the
      // server cannot learn of the end from its stdin
      const fifo = join(cache, `stdin-${how.length}.fifo`);
      if (spawnSync('mkfifo', [fifo]).status !== 0) {
        console.warn('skipping: mkfifo is not available');
        return ctx.skip();
      }
      const stdin = openSync(fifo, 'r+');
      try {
        const s = start([...how, 'vet-run-server'], {}, stdin);
        const pid = await s.serverPid();
        expect(pid === s.child.pid).toBe(how.length === 0);
        expect(alive(pid)).toBe(true);
        s.child.kill('SIGKILL');
        expect(await gone(pid)).toBe(true);
      } finally {
        closeSync(stdin);
      }
    });

  it('the server sees only the declared environment, with the user’s values', async () => {
    const s = start(['vet-run-server'], { RUN_DECLARED: 'yes', RUN_UNDECLARED: 'secret' });
    await s.request('initialize', INIT);
    const env = JSON.parse(await s.call('env', '')) as Record<string, string>;
    expect(await s.serverPid()).toBe(s.child.pid);
    s.child.stdin.end();
    await s.exited;
    expect(env).toEqual({ RUN_DECLARED: 'yes' });
  });

  it('Node options in the user’s environment: the server gets a process of its own without them', async () => {
    const s = start(['vet-run-server'], { RUN_DECLARED: 'yes', NODE_OPTIONS: '--max-old-space-size=300' });
    await s.request('initialize', INIT);
    const env = JSON.parse(await s.call('env', '')) as Record<string, string>;
    expect(await s.serverPid()).not.toBe(s.child.pid);
    s.child.stdin.end();
    expect((await s.exited).code).toBe(0);
    expect(env).toEqual({ RUN_DECLARED: 'yes' });
  });

  it('a CommonJS server started as the main module, in mcp-vet’s process, with its own argv', async () => {
    for (let round = 0; round < 2; round++) {
      // the first start installs (a process of its own), the second is warm (this process)
      const s = start(['vet-run-cjs', '--', 'a', 'b']);
      const init = await s.request('initialize', INIT);
      expect(init).toMatchObject({ result: { serverInfo: { name: 'vet-run-cjs', version: 'a b' } } });
      expect((await s.serverPid()) === s.child.pid).toBe(round === 1);
      s.child.stdin.end();
      expect((await s.exited).code, s.stderr()).toBe(0);
    }
    // what it throws as it loads is its own, as with node <bin>: its error and exit status 1
    const thrown = start(['vet-run-cjs', '--', '--throw']);
    thrown.child.stdin.end();
    expect((await thrown.exited).code).toBe(1);
    expect(thrown.stderr()).toContain('Error: vet-run-cjs cannot start');
    expect(thrown.stderr()).not.toContain('mcp-vet run:');
  });

  it('--no-network: the server cannot reach even loopback; by default it can', async (ctx) => {
    const os = detectOsSandbox();
    if (!os.active.includes('network-namespace')) {
      console.warn(
        `skipping --no-network: ${os.unavailable.map((u) => u.reason).join('; ') || 'no network namespace'}`,
      );
      return ctx.skip();
    }
    const listener: Server = createServer((c) => c.destroy());
    await new Promise<void>((ready) => listener.listen(0, '127.0.0.1', ready));
    const port = String((listener.address() as { port: number }).port);
    try {
      const open = start(['vet-run-server']);
      await open.request('initialize', INIT);
      expect(await open.call('connect', port)).toBe('connected');
      open.child.stdin.end();
      await open.exited;
      const closed = start(['--no-network', 'vet-run-server']);
      await closed.request('initialize', INIT);
      expect(await closed.call('connect', port)).toMatch(/^error E(CONNREFUSED|NETUNREACH)$/);
      // a signal passes the sandbox launcher and reaches the server's own handler (its exit code)
      closed.child.kill('SIGTERM');
      expect((await closed.exited).code).toBe(42);
    } finally {
      listener.close();
    }
  });

  it('--limit-fs: files outside the install tree and the allowed paths cannot be read', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'mcp-vet-run-files-'));
    try {
      const file = join(dir, 'note.txt');
      writeFileSync(file, 'hello');
      const open = start(['vet-run-server']);
      await open.request('initialize', INIT);
      expect(await open.call('read', file)).toBe('hello');
      open.child.stdin.end();
      await open.exited;
      const limited = start(['--limit-fs', 'vet-run-server']);
      await limited.request('initialize', INIT);
      expect(await limited.call('read', file)).toBe('error ERR_ACCESS_DENIED');
      limited.child.stdin.end();
      await limited.exited;
      const allowed = start(['--limit-fs', '--allow-read', dir, 'vet-run-server']);
      await allowed.request('initialize', INIT);
      expect(await allowed.call('read', file)).toBe('hello');
      allowed.child.stdin.end();
      expect((await allowed.exited).code).toBe(0);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('config rewrite, then check and the client’s own start: pinned, and the server answers', async () => {
    const file = join(ws, '.mcp.json');
    const text = `{
  // the team's servers
  "mcpServers": {
    "run": {
      "command": "npx",
      "args": ["-y", "vet-run-server@latest", "5"] // exits 5
    },
    "other": { "command": "npx", "args": ["-y", "not-on-the-allowlist"] }
  }
}
`;
    writeFileSync(file, text);
    const before = await runCli(['check', '--offline', '--config', file], { cwd: ws, env: npmEnv });
    expect(before.stdout).toContain('npx -y mcp-vet run vet-run-server');
    const dry = await runCli(['config', 'rewrite', '--dry-run', file], { cwd: ws, env: npmEnv });
    expect(dry.code, dry.stderr).toBe(0);
    expect(dry.stderr).toContain('run: vet-run-server would start through mcp-vet run');
    expect(readFileSync(file, 'utf8')).toBe(text);
    const write = await runCli(['config', 'rewrite', file], { cwd: ws, env: npmEnv });
    expect(write.code, write.stderr).toBe(0);
    expect(write.stdout).toBe('');
    const out = readFileSync(file, 'utf8');
    expect(out).toBe(dry.stdout);
    expect(out).toBe(
      text.replace('["-y", "vet-run-server@latest", "5"]', '["-y", "mcp-vet", "run", "vet-run-server", "--", "5"]'),
    );
    const check = await runCli(['check', '--offline', '--config', file, '--format', 'json'], { cwd: ws, env: npmEnv });
    const report = JSON.parse(check.stdout) as { findings: Array<{ code: string; subject: string }> };
    expect(report.findings.filter((f) => f.subject.includes('#run'))).toEqual([]);
    // the client starts `npx -y mcp-vet run …`: here the built binary stands for `npx -y mcp-vet`
    const args = (JSON.parse(out.replace(/\/\/.*$/gm, '')) as { mcpServers: { run: { args: string[] } } }).mcpServers
      .run.args;
    expect(args.slice(0, 3)).toEqual(['-y', 'mcp-vet', 'run']);
    const s = start(args.slice(3));
    await s.request('initialize', INIT);
    s.child.stdin.end();
    expect((await s.exited).code).toBe(5);
  });
});

describe('mcp-vet run: the cached tree is bound to the pin', { timeout: 300_000 }, () => {
  const entryOf = (dir: string) =>
    JSON.parse(readFileSync(join(dir, 'allowlist', 'vet-run-server.json'), 'utf8')) as {
      dependencies: { tree?: string };
    };
  /** a cold start into a cache of its own: the server answers; the tree's record and its folder */
  async function coldStart(extra: string[] = [], env: NodeJS.ProcessEnv = {}) {
    const own = await mkdtemp(join(tmpdir(), 'mcp-vet-run-bound-'));
    const s = start([...extra, 'vet-run-server'], { XDG_CACHE_HOME: own, ...env });
    await s.request('initialize', INIT);
    s.child.stdin.end();
    expect((await s.exited).code, s.stderr()).toBe(0);
    const trees = join(own, 'mcp-vet/run/v2/trees');
    const [key] = readdirSync(trees);
    const dir = join(trees, key!);
    return { own, dir, record: JSON.parse(readFileSync(join(dir, 'record.json'), 'utf8')) as Record<string, never> };
  }
  /** one start to the end, stdin closed at once */
  async function once(args: string[], env: NodeJS.ProcessEnv, cwd = ws) {
    const s = start(args, env, undefined, cwd);
    s.child.stdin.end();
    const exit = await s.exited;
    return { code: exit.code, stdout: s.lines.join('\n'), stderr: s.stderr() };
  }

  it('the pin records the closure digest; a cold start from another registry URL installs the same tree', async () => {
    const tree = entryOf(ws).dependencies.tree;
    expect(tree).toMatch(/^sha256:[0-9a-f]{64}$/);
    // the same registry by another name: only npm's hidden lockfile (its resolved URLs) differs
    const other = `http://localhost:${reg.port}/`;
    const npmCache = await mkdtemp(join(tmpdir(), 'mcp-vet-run-npm-cache-'));
    const { own, record } = await coldStart(['--registry', other], { npm_config_cache: npmCache });
    await rm(npmCache, { recursive: true, force: true });
    try {
      expect(record['treeDigest']).toBe(tree);
      const warm = await once(['--verbose', 'vet-run-server'], { XDG_CACHE_HOME: own });
      expect(warm.code, warm.stderr).toBe(0);
      expect(warm.stderr).toMatch(/mcp-vet run: starting vet-run-server@1\.0\.0 \(cached;/);
      expect(warm.stderr).not.toContain('no tree digest');
    } finally {
      const { makeWritable } = await import('../../dist/io/cache/tree-store.js');
      makeWritable(own);
      await rm(own, { recursive: true, force: true });
    }
  });

  it('a forged tree with a consistent record (new hashes, stats, tree digest) is refused: CACHE_TAMPERED', async () => {
    const { own, dir } = await coldStart();
    try {
      const { recordDigestOf } = await import('../../dist/io/cache/tree-record.js');
      const rel = 'node_modules/vet-run-server/server.js';
      const file = join(dir, 'tree', rel);
      chmodSync(file, 0o644);
      writeFileSync(file, `process.stdout.write('forged\\n');\n${readFileSync(file, 'utf8')}`);
      chmodSync(file, 0o444);
      const recordFile = join(dir, 'record.json');
      const record = JSON.parse(readFileSync(recordFile, 'utf8')) as {
        treeDigest: string;
        entries: Array<[string, string, number, number, string, number, number, number]>;
      };
      const entry = record.entries.find((e) => e[0] === rel)!;
      const st = lstatSync(file);
      const { createHash } = await import('node:crypto');
      entry[2] = st.mode;
      entry[3] = st.size;
      entry[4] = createHash('sha256').update(readFileSync(file)).digest('hex');
      entry[5] = st.ino;
      entry[6] = st.mtimeMs;
      entry[7] = st.ctimeMs;
      record.treeDigest = recordDigestOf(record.entries as never);
      chmodSync(recordFile, 0o644);
      writeFileSync(recordFile, JSON.stringify(record));
      // what the cache alone can say: every entry as recorded, and the record consistent
      const verify = await runCli(['cache', 'verify'], { env: { XDG_CACHE_HOME: own } });
      expect(verify.code, verify.stdout + verify.stderr).toBe(0);
      const r = await once(['vet-run-server'], { XDG_CACHE_HOME: own });
      expect(r.code).toBe(1);
      expect(r.stdout).toBe('');
      expect(r.stderr).not.toContain('vet-run-server pid');
      expect(r.stderr).toMatch(/vet-run-server@1\.0\.0: the cached install differs from the pin .*\[CACHE_TAMPERED\]/);
    } finally {
      const { makeWritable } = await import('../../dist/io/cache/tree-store.js');
      makeWritable(own);
      await rm(own, { recursive: true, force: true });
    }
  });

  it('a pin whose tree digest was edited: a cold start refuses and leaves no staging tree; a warm one refuses', async () => {
    const edited = await mkdtemp(join(tmpdir(), 'mcp-vet-run-edited-'));
    const own = await mkdtemp(join(tmpdir(), 'mcp-vet-run-edited-cache-'));
    let warmCache: string | undefined;
    try {
      cpSync(join(ws, 'allowlist'), join(edited, 'allowlist'), { recursive: true });
      cpSync(join(ws, 'snapshots'), join(edited, 'snapshots'), { recursive: true });
      const file = join(edited, 'allowlist', 'vet-run-server.json');
      const tree = entryOf(ws).dependencies.tree!;
      const forged = `sha256:${'0'.repeat(64)}`;
      writeFileSync(file, readFileSync(file, 'utf8').replace(tree, forged));
      expect(entryOf(edited).dependencies.tree).toBe(forged);
      const cold = await once(['vet-run-server'], { XDG_CACHE_HOME: own }, edited);
      expect(cold.code).toBe(1);
      expect(cold.stderr).not.toContain('vet-run-server pid');
      expect(cold.stderr).toMatch(
        /vet-run-server@1\.0\.0: the installed closure differs from the approved one .*\[CACHE_TAMPERED\]/,
      );
      const root = join(own, 'mcp-vet/run/v2');
      expect(readdirSync(join(root, 'trees'))).toEqual([]);
      expect(readdirSync(join(root, 'staging'))).toEqual([]);
      // a cache holding the approved tree: its record is not of the edited pin's digest
      const approved = await coldStart();
      warmCache = approved.own;
      const warm = await once(['vet-run-server'], { XDG_CACHE_HOME: approved.own }, edited);
      expect(warm.code).toBe(1);
      expect(warm.stderr).not.toContain('vet-run-server pid');
      expect(warm.stderr).toMatch(/its record is not of the approved closure.*\[CACHE_TAMPERED\]/);
      // verify's re-check of the pinned version installs the pinned closure again: another digest is a finding
      const verify = await runCli(['verify', 'vet-run-server', '--format', 'json'], { cwd: edited, env: npmEnv });
      expect(verify.stdout, verify.stderr).not.toBe('');
      const report = JSON.parse(verify.stdout) as { findings: Array<{ code: string; subject: string }> };
      expect(
        report.findings.filter((f) => f.code === 'package/closure-tree-changed'),
        verify.stderr,
      ).toEqual([expect.objectContaining({ subject: 'vet-run-server@1.0.0' })]);
      const clean = await runCli(['verify', 'vet-run-server', '--format', 'json'], { cwd: ws, env: npmEnv });
      expect(clean.stdout).not.toContain('package/closure-tree-changed');
    } finally {
      const { makeWritable } = await import('../../dist/io/cache/tree-store.js');
      if (warmCache) {
        makeWritable(warmCache);
        await rm(warmCache, { recursive: true, force: true });
      }
      makeWritable(own);
      await rm(own, { recursive: true, force: true });
      await rm(edited, { recursive: true, force: true });
    }
  });
});
