// `mcp-vet drift` over 100 pins with no new versions against a local Verdaccio: wall time and peak
// RSS of the CLI with `--concurrency 8`, with `--no-snapshot` and with the default (sandboxed
// starts: the approved bytes and closure are started once, three times only if that start differs).
// Baseline from the same run: fetching every pin's packument and tarball from the same registry by
// plain HTTP, 8 at once, i.e. what merely asking the registry costs.
//   npm run build && npm run bench:drift   (BENCH_PINS=N for fewer pins)
//
// The 100 pins are written by the library's `add` workflow (the same code as `mcp-vet add`:
// integrity, closure, provenance step, snapshot), in-process, 8 at once, to save set-up time.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import { performance } from 'node:perf_hooks';
import { join } from 'node:path';
import { startLocalRegistry } from '../scripts/lib/local-registry.mjs';
import { makePorts } from '../dist/cli/make-ports.js';
import { addServer } from '../dist/workflows/add.js';
import { mapPool } from '../dist/workflows/pool.js';

const N = Number(process.env.BENCH_PINS ?? 100);
const CONCURRENCY = 8;
const BIN = new URL('../bin/mcp-vet', import.meta.url).pathname;
const tmp = mkdtempSync(join(tmpdir(), 'mcp-vet-bench-drift-'));
// Names far apart from each other (add flags a name one edit away from a pinned one).
const name = (i) => `bench-${createHash('sha256').update(String(i)).digest('hex').slice(0, 12)}`;

/** A tiny stdio MCP server with no SDK; its one tool comes from a shared dependency. */
function serverPackage(i) {
  return {
    'package.json': JSON.stringify({
      name: name(i),
      version: '1.0.0',
      type: 'module',
      bin: { [name(i)]: 'server.js' },
      dependencies: { 'bench-drift-tools': '^1.0.0' },
      license: 'MIT',
    }),
    'server.js': `#!/usr/bin/env node
import { createInterface } from 'node:readline';
import { tools } from 'bench-drift-tools';
const send = (m) => process.stdout.write(JSON.stringify({ jsonrpc: '2.0', ...m }) + '\\n');
createInterface({ input: process.stdin }).on('line', (line) => {
  let r; try { r = JSON.parse(line); } catch { return; }
  if (r.id === undefined) return;
  if (r.method === 'initialize') send({ id: r.id, result: { protocolVersion: r.params?.protocolVersion ?? '2025-06-18', capabilities: { tools: {} }, serverInfo: { name: ${JSON.stringify(name(i))}, version: '1.0.0' } } });
  else if (r.method === 'tools/list') send({ id: r.id, result: { tools } });
  else send({ id: r.id, error: { code: -32601, message: 'method not found' } });
});
`,
  };
}
const toolsPackage = {
  'package.json': JSON.stringify({
    name: 'bench-drift-tools',
    version: '1.0.0',
    type: 'module',
    main: 'index.js',
    license: 'MIT',
  }),
  'index.js': `export const tools = ${JSON.stringify([{ name: 'add_note', description: 'Adds a note.', inputSchema: { type: 'object', properties: { text: { type: 'string' } }, required: ['text'] } }])};\n`,
};

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
mkdirSync(join(tmp, 'registry'));
const reg = await startLocalRegistry(join(tmp, 'registry'));
try {
  const t0 = performance.now();
  await reg.publish(toolsPackage);
  await mapPool(
    Array.from({ length: N }, (_, i) => i),
    CONCURRENCY,
    (i) => reg.publish(serverPackage(i)),
  );
  // Reading needs no login here, and none is configured: Verdaccio checks a token with bcrypt on
  // every request (~120 ms of its CPU each), which would make this a benchmark of Verdaccio.
  const npmrc = join(tmp, 'npmrc');
  writeFileSync(npmrc, `registry=${reg.url}\n`);
  const env = {
    PATH: process.env.PATH,
    HOME: tmp,
    NO_COLOR: '1',
    npm_config_userconfig: npmrc,
    npm_config_cache: join(tmp, 'cache'),
    npm_config_globalconfig: join(tmp, 'global-npmrc'),
  };

  // The pins, by the add workflow.
  const ws = join(tmp, 'project');
  mkdirSync(ws);
  // (npm's config loader writes into the env it is given)
  const ports = await makePorts({ cwd: ws, npm: { env: { ...env }, cwd: ws } });
  const workspace = ports.workspace;
  await workspace.init();
  // add holds the workspace's file lock for its whole run; the lock is re-entrant on one workspace
  // object, so the set-up takes it once and runs 8 adds inside it, their writes taking turns.
  const writePin = workspace.writePin.bind(workspace);
  let writes = Promise.resolve();
  workspace.writePin = (...args) => (writes = writes.catch(() => undefined).then(() => writePin(...args)));
  await workspace.withLock(() =>
    mapPool(
      Array.from({ length: N }, (_, i) => i),
      CONCURRENCY,
      async (i) => {
        const r = await addServer(ports, {
          spec: `${name(i)}@1.0.0`,
          by: 'bench',
          failOn: 'high',
          snapshot: { sandbox: 'strict' },
        });
        if (!r.pinned)
          throw new Error(`${name(i)}: add did not pin: ${JSON.stringify(r.report.findings.map((f) => f.code))}`);
      },
    ),
  );
  console.log(`set-up: ${N} packages published and pinned in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

  if (process.env.BENCH_KEEP) {
    // For profiling by hand: leave the registry and workspace up until killed.
    writeFileSync(process.env.BENCH_KEEP, JSON.stringify({ ws, env }));
    await new Promise((done) => process.once('SIGTERM', done));
    await reg.stop();
    process.exit(0);
  }

  // Baseline: the least any re-verification asks of the registry, 8 pins at once: the packument and
  // the tarball of every pinned version, by plain HTTP in this process (no npm, no checks).
  const baseline = async () => {
    const t = performance.now();
    await mapPool(
      Array.from({ length: N }, (_, i) => i),
      CONCURRENCY,
      async (i) => {
        const doc = JSON.parse(Buffer.from(await get(`${reg.url}${name(i)}`)).toString('utf8'));
        await get(doc.versions['1.0.0'].dist.tarball);
      },
    );
    return performance.now() - t;
  };

  const preload = join(tmp, 'rss.cjs');
  writeFileSync(
    preload,
    "process.on('exit', () => require('fs').writeFileSync(process.env.MCP_VET_BENCH_RSS, String(process.resourceUsage().maxRSS)));\n",
  );
  const drift = (extra) => {
    const rssFile = join(tmp, 'rss');
    const t = performance.now();
    const prof = process.env.BENCH_PROF ? ['--cpu-prof', '--cpu-prof-dir', process.env.BENCH_PROF] : [];
    const r = spawnSync(
      process.execPath,
      [...prof, '--require', preload, BIN, 'drift', '--concurrency', String(CONCURRENCY), '--format', 'json', ...extra],
      { cwd: ws, env: { ...env, MCP_VET_BENCH_RSS: rssFile }, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
    );
    const ms = performance.now() - t;
    if (r.status !== 0)
      throw new Error(`drift ${extra.join(' ')} exited ${r.status}: ${r.stderr}\n${r.stdout.slice(0, 2000)}`);
    const report = JSON.parse(r.stdout);
    // Unsigned test packages get provenance findings (review); nothing may block or fail.
    if (report.verdict === 'block' || report.errors?.length || report.subjects.length !== N)
      throw new Error(
        `unexpected drift report: ${report.verdict}, ${report.subjects.length} subjects, ${JSON.stringify(report.errors)}`,
      );
    const codes = [...new Set(report.findings.map((f) => `${f.code} (${f.severity})`))].sort().join(', ');
    return { ms, rssMb: Number(readFileSync(rssFile, 'utf8')) / 1024, codes };
  };

  const rounds = Number(process.env.BENCH_RUNS ?? 3);
  const rows = { base: [], noSnap: [], full: [] };
  let rss = { noSnap: 0, full: 0 };
  console.log(`findings per pin: ${drift(['--no-snapshot']).codes}`); // also warms the file cache
  for (let r = 0; r < rounds; r++) {
    rows.base.push(await baseline());
    const a = drift(['--no-snapshot']);
    rows.noSnap.push(a.ms);
    rss.noSnap = Math.max(rss.noSnap, a.rssMb);
    if (r === 0 || process.env.BENCH_FULL_RUNS) {
      const b = drift([]);
      rows.full.push(b.ms);
      rss.full = Math.max(rss.full, b.rssMb);
    }
  }
  const base = median(rows.base);
  const line = (label, ms, target) =>
    console.log(
      `${label.padEnd(46)} ${(ms / 1000).toFixed(2).padStart(6)} s  ${(ms / base).toFixed(2)}x baseline  (target ${target})`,
    );
  console.log(
    `pins: ${N}, --concurrency ${CONCURRENCY}, median of ${rounds} rounds (default mode: ${rows.full.length} run(s))`,
  );
  console.log(
    `${'baseline: packument + tarball of each pin, HTTP'.padEnd(46)} ${(base / 1000).toFixed(2).padStart(6)} s`,
  );
  line('mcp-vet drift --no-snapshot', median(rows.noSnap), '<= 4.0 s');
  line('mcp-vet drift (sandboxed starts)', median(rows.full), '<= 12 s');
  console.log(
    `peak RSS: --no-snapshot ${rss.noSnap.toFixed(0)} MB, default ${rss.full.toFixed(0)} MB (target <= 200 MB)`,
  );
} finally {
  await reg.stop();
  rmSync(tmp, { recursive: true, force: true });
}

/** GET with one retry: an idle keep-alive socket that the registry has just closed is retried. */
async function get(url) {
  for (let attempt = 1; ; attempt++) {
    try {
      const res = await fetch(url);
      if (!res.ok) throw new Error(`${url}: ${res.status}`);
      return await res.arrayBuffer();
    } catch (err) {
      if (attempt >= 2) throw err;
    }
  }
}
