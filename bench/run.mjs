// `mcp-vet run` overhead, measured against starting the installed server directly, in the same run:
// 1. warm start: spawn -> `initialize` answered, median of ROUNDS interleaved starts of each;
// 2. JSON-RPC round trips: CALLS sequential `ping` requests over one session of each, median of LOOPS.
//    mcp-vet hands the server its own stdin and stdout (no copy), so this measures noise around 0.
// The server is @modelcontextprotocol/server-memory as pinned by this repository's allowlist/;
// the first start installs it into a temporary cache (not timed). Needs `npm run build` and the registry.
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { makeWritable } from '../dist/io/cache/tree-store.js';

const ROOT = resolve(import.meta.dirname, '..');
const BIN = join(ROOT, 'bin', 'mcp-vet');
const PKG = '@modelcontextprotocol/server-memory';
const ROUNDS = Number(process.env['ROUNDS'] ?? 15);
const CALLS = Number(process.env['CALLS'] ?? 1000);
const LOOPS = Number(process.env['LOOPS'] ?? 7);
const cache = mkdtempSync(join(tmpdir(), 'mcp-vet-bench-run-'));
const env = { PATH: process.env['PATH'], HOME: process.env['HOME'], XDG_CACHE_HOME: cache };

const cold = spawnSync(process.execPath, [BIN, 'run', PKG], { cwd: ROOT, env, input: '', encoding: 'utf8' });
if (cold.status !== 0) throw new Error(`cold start failed: ${cold.stderr}`);
const trees = join(cache, 'mcp-vet/run/v2/trees');
const key = readdirSync(trees)[0];
const record = JSON.parse(readFileSync(join(trees, key, 'record.json'), 'utf8'));
const script = join(trees, key, 'tree', ...record.bin.script.split('/'));
// The warm starts use a copy of the pin that records its closure digest (`dependencies.tree`, as
// every pin made now does; this repository's embedded one predates it), so they also check the
// record against it.
const ws = mkdtempSync(join(tmpdir(), 'mcp-vet-bench-run-ws-'));
cpSync(join(ROOT, 'allowlist'), join(ws, 'allowlist'), { recursive: true });
cpSync(join(ROOT, 'snapshots'), join(ws, 'snapshots'), { recursive: true });
const entryFile = join(ws, 'allowlist', ...`${PKG}.json`.split('/'));
const entry = JSON.parse(readFileSync(entryFile, 'utf8'));
entry.dependencies.tree = record.treeDigest;
writeFileSync(entryFile, `${JSON.stringify(entry, null, 2)}\n`);
const direct = [process.execPath, script];
const viaRun = [process.execPath, BIN, 'run', '--allowlist', join(ws, 'allowlist'), PKG];
const first = spawnSync(viaRun[0], viaRun.slice(1), { cwd: ROOT, env, input: '', encoding: 'utf8' });
if (first.status !== 0) throw new Error(`warm start with the bound pin failed: ${first.stderr}`);

/** A JSON-RPC session over a child's stdio: send a request, await its answer. */
function session(argv) {
  const child = spawn(argv[0], argv.slice(1), { cwd: ROOT, env, stdio: ['pipe', 'pipe', 'ignore'] });
  const waiting = new Map();
  let buf = '';
  child.stdout.on('data', (d) => {
    buf += d.toString();
    let nl;
    while ((nl = buf.indexOf('\n')) !== -1) {
      const line = buf.slice(0, nl);
      buf = buf.slice(nl + 1);
      const msg = JSON.parse(line);
      waiting.get(msg.id)?.(msg);
      waiting.delete(msg.id);
    }
  });
  let id = 0;
  const request = (method, params = {}) =>
    new Promise((done) => {
      const n = ++id;
      waiting.set(n, done);
      child.stdin.write(`${JSON.stringify({ jsonrpc: '2.0', id: n, method, params })}\n`);
    });
  const close = () => new Promise((done) => (child.once('exit', done), child.stdin.end()));
  return { request, close };
}

const INIT = { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'bench', version: '1' } };

async function startTime(argv) {
  const t = performance.now();
  const s = session(argv);
  await s.request('initialize', INIT);
  const ms = performance.now() - t;
  await s.close();
  return ms;
}

async function loop(argv) {
  const s = session(argv);
  await s.request('initialize', INIT);
  const t = performance.now();
  for (let i = 0; i < CALLS; i++) await s.request('ping');
  const ms = performance.now() - t;
  await s.close();
  return ms;
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const starts = { direct: [], run: [] };
const loops = { direct: [], run: [] };
for (let i = 0; i < ROUNDS; i++) {
  starts.direct.push(await startTime(direct));
  starts.run.push(await startTime(viaRun));
}
for (let i = 0; i < LOOPS; i++) {
  loops.direct.push(await loop(direct));
  loops.run.push(await loop(viaRun));
}
const sd = median(starts.direct);
const sr = median(starts.run);
const ld = median(loops.direct);
const lr = median(loops.run);
console.log(
  `warm start to initialize (median of ${ROUNDS}): direct ${sd.toFixed(0)} ms, mcp-vet run ${sr.toFixed(0)} ms`,
);
console.log(`  overhead ${(sr - sd).toFixed(0)} ms (target <= 100 ms)`);
console.log(
  `${CALLS} sequential ping round trips (median of ${LOOPS}): direct ${ld.toFixed(0)} ms, mcp-vet run ${lr.toFixed(0)} ms`,
);
console.log(`  overhead ${(((lr - ld) / ld) * 100).toFixed(1)} % (target <= 5 %)`);
console.log(
  `  (load average ${loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')} on ${cpus().length} cores: on a busy machine both sides wait for the CPU)`,
);
makeWritable(cache);
rmSync(cache, { recursive: true, force: true });
rmSync(ws, { recursive: true, force: true });
