// Bench: `npm run build && npm run bench:snapshot`. Prints ratios against baselines measured in this run.
import { performance } from 'node:perf_hooks';
//  1. one sandboxed listing of a real installed server (mcp-vet's snapshot, no rechecks) vs a minimal
//     raw JSON-RPC client (initialize + tools/list over stdio, no sandbox) on the same server: target <= 1.15x
//     without the behaviour tracer, <= 1.5x with it (strace, when installed)
//  2. @modelcontextprotocol/inspector-cli on the same server, installed into a temp dir by the bench
//  3. peak RSS of the mcp-vet binary snapshotting a server with a 20 MB description: target <= 150 MB
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { loadNpmConfig } from '../dist/io/npm-config.js';
import { resolveLock } from '../dist/io/lock-resolver.js';
import { installClosure } from '../dist/io/install/install-closure.js';
import { pickBin } from '../dist/io/install/pick-bin.js';
import { makePorts } from '../dist/cli/make-ports.js';
import { snapshotLaunch } from '../dist/workflows/gather/snapshot.js';

const ports = await makePorts({ offline: true });

const PKG = '@modelcontextprotocol/server-memory';
const VERSION = '2026.8.31';
const RUNS = 7;
const root = resolve(import.meta.dirname, '..');

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

function rawClient(script) {
  return new Promise((done, fail) => {
    const t0 = performance.now();
    const child = spawn(process.execPath, [script], {
      stdio: ['pipe', 'pipe', 'ignore'],
      env: { PATH: process.env.PATH },
    });
    let buf = '';
    let tools = null;
    child.stdout.on('data', (d) => {
      buf += d;
      let nl;
      while ((nl = buf.indexOf('\n')) !== -1) {
        const msg = JSON.parse(buf.slice(0, nl));
        buf = buf.slice(nl + 1);
        if (msg.id === 1) {
          child.stdin.write(JSON.stringify({ jsonrpc: '2.0', method: 'notifications/initialized' }) + '\n');
          child.stdin.write(JSON.stringify({ jsonrpc: '2.0', id: 2, method: 'tools/list', params: {} }) + '\n');
        } else if (msg.id === 2) {
          tools = msg.result.tools.length;
          child.kill('SIGKILL');
        }
      }
    });
    child.on('exit', () =>
      tools === null ? fail(new Error('raw client got no tools')) : done({ ms: performance.now() - t0, tools }),
    );
    child.stdin.write(
      JSON.stringify({
        jsonrpc: '2.0',
        id: 1,
        method: 'initialize',
        params: { protocolVersion: '2025-11-25', capabilities: {}, clientInfo: { name: 'bench', version: '0' } },
      }) + '\n',
    );
  });
}

async function vetOnce(script, installDir, recheck, behaviour = false) {
  const t0 = performance.now();
  const r = await snapshotLaunch(
    ports,
    `${PKG}@${VERSION}`,
    () => ({ kind: 'node', script, args: [], installDir }),
    { args: [], env: [] },
    { sandbox: 'strict', recheck, behaviour },
  );
  return {
    ms: performance.now() - t0,
    tools: r.manifest.tools.length,
    layers: r.manifest.probe.sandbox.active,
    tracer: r.behaviour?.tracer,
  };
}

const npm = await loadNpmConfig();
const lock = await resolveLock(PKG, VERSION, npm);
const installed = await installClosure(lock, npm);
try {
  const { script } = await pickBin(installed.packageDir, PKG);
  await rawClient(script);
  await vetOnce(script, installed.dir, false);
  const raw = [];
  const vet = [];
  const traced = [];
  const full = [];
  let layers = [];
  let tracer;
  for (let i = 0; i < RUNS; i++) {
    raw.push((await rawClient(script)).ms);
    const v = await vetOnce(script, installed.dir, false);
    vet.push(v.ms);
    layers = v.layers;
    const t = await vetOnce(script, installed.dir, false, true);
    traced.push(t.ms);
    tracer = t.tracer;
  }
  for (let i = 0; i < 3; i++) full.push((await vetOnce(script, installed.dir, true)).ms);
  const r = median(raw);
  const v = median(vet);
  console.log(`server: ${PKG}@${VERSION} (installed once, ${RUNS} runs, medians)`);
  console.log(`raw JSON-RPC client (initialize + tools/list, no sandbox): ${r.toFixed(0)} ms`);
  console.log(
    `mcp-vet one sandboxed listing [${layers.join(', ')}]: ${v.toFixed(0)} ms  ratio ${(v / r).toFixed(2)}x (target <= 1.15x)`,
  );
  const tr = median(traced);
  console.log(
    `mcp-vet one sandboxed listing with the behaviour record (${tracer}): ${tr.toFixed(0)} ms  ratio ${(tr / r).toFixed(2)}x (target <= ${tracer === 'strace' ? '1.5' : '1.15'}x)`,
  );
  console.log(
    `mcp-vet full snapshot (3 starts: first, second with same HOME, other client name): ${median(full).toFixed(0)} ms  ratio ${(median(full) / r).toFixed(2)}x (informational)`,
  );

  // The MCP Inspector's CLI mode, installed into a temp dir (scripts ignored) and run directly.
  // (@modelcontextprotocol/inspector-cli 1.0.3 does not run outside its monorepo: it imports a
  // package.json that its published layout lacks; `@modelcontextprotocol/inspector --cli` is the same CLI.)
  const inspectorDir = mkdtempSync(join(tmpdir(), 'bench-inspector-'));
  try {
    writeFileSync(join(inspectorDir, 'package.json'), '{"name":"bench-inspector","version":"0.0.0","private":true}');
    const inst = spawnSync(
      'npm',
      ['install', '--ignore-scripts', '--no-audit', '--no-fund', '@modelcontextprotocol/inspector'],
      { cwd: inspectorDir, stdio: 'ignore', timeout: 300_000 },
    );
    const pkgJson = join(inspectorDir, 'node_modules', '@modelcontextprotocol', 'inspector', 'package.json');
    if (inst.status !== 0 || !existsSync(pkgJson))
      console.log('inspector: could not be installed from the registry — comparison not measured');
    else {
      const pj = JSON.parse(readFileSync(pkgJson, 'utf8'));
      const binRel = typeof pj.bin === 'string' ? pj.bin : Object.values(pj.bin ?? {})[0];
      const bin = join(dirname(pkgJson), binRel);
      const times = [];
      let status = null;
      for (let i = 0; i < RUNS; i++) {
        const t0 = performance.now();
        const res = spawnSync(process.execPath, [bin, '--cli', process.execPath, script, '--method', 'tools/list'], {
          stdio: 'ignore',
          timeout: 120_000,
        });
        times.push(performance.now() - t0);
        status = res.status;
      }
      const ms = median(times);
      if (status !== 0) console.log(`inspector ${pj.version} --cli failed (exit ${status}) — comparison not measured`);
      else
        console.log(
          `inspector ${pj.version} --cli tools/list (no sandbox): ${ms.toFixed(0)} ms; mcp-vet one sandboxed listing ${(v / ms).toFixed(2)}x of it (target < 1)`,
        );
    }
  } finally {
    rmSync(inspectorDir, { recursive: true, force: true });
  }
} finally {
  await installed.remove();
}

// Peak RSS of the binary on a 20 MB manifest.
const time = existsSync('/usr/bin/time') ? '/usr/bin/time' : null;
const fixture = join(root, 'test', 'fixtures', 'servers', 'test-server.mjs');
const args = [
  join(root, 'bin', 'mcp-vet'),
  'snapshot',
  '--no-recheck',
  '--out',
  '/dev/null',
  '--command',
  process.execPath,
  '--',
  fixture,
  '--huge=20',
];
if (time) {
  const res = spawnSync(time, ['-f', '%M', process.execPath, ...args], { encoding: 'utf8' });
  const kb = Number(res.stderr.trim().split('\n').pop());
  console.log(`peak RSS, 20 MB manifest: ${(kb / 1024).toFixed(0)} MB (target <= 150 MB; exit ${res.status})`);
} else {
  const child = spawn(process.execPath, args, { stdio: 'ignore' });
  let peak = 0;
  const timer = setInterval(() => {
    try {
      const m = /VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'));
      if (m) peak = Math.max(peak, Number(m[1]));
    } catch {
      // the process is gone
    }
  }, 20);
  await new Promise((d) => child.on('exit', d));
  clearInterval(timer);
  console.log(`peak RSS (sampled), 20 MB manifest: ${(peak / 1024).toFixed(0)} MB (target <= 150 MB)`);
}
