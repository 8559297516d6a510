// Benchmark for pinning (issue: foundation). Prints ratios against `npm install --ignore-scripts`
// of the same version into an empty directory, measured in the same run with the same cache state.
//   npm run build && npm run bench:pin [-- <pkg>@<version>]
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { makePorts } from '../dist/cli/make-ports.js';
import { parsePackageSpec } from '../dist/core/spec.js';
import { gatherVersion } from '../dist/workflows/gather/fetch-version.js';
import { diffLocks } from '../dist/core/package/lock-diff.js';

const spec = process.argv[2] ?? '@modelcontextprotocol/server-memory@2026.1.26';
const runs = Number(process.env.BENCH_RUNS ?? 3);
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

function npmInstall(cache) {
  const dir = mkdtempSync(join(tmpdir(), 'bench-npm-'));
  writeFileSync(join(dir, 'package.json'), '{"name":"bench","version":"0.0.0","private":true}');
  const t = performance.now();
  execFileSync('npm', ['install', '--ignore-scripts', '--no-audit', '--no-fund', '--cache', cache, spec], {
    cwd: dir,
    stdio: 'ignore',
  });
  const ms = performance.now() - t;
  rmSync(dir, { recursive: true, force: true });
  return ms;
}

/** The ports of one CLI run (src/cli/make-ports.ts): one packument cache per run. */
function makeRun(cache) {
  return makePorts({ npm: { env: { ...process.env, npm_config_cache: cache } } });
}

/** Fetch and closure stages of add; throws on what would be a stage finding. */
async function fetchVersion(ports, spec, options = {}) {
  const gathered = await gatherVersion(ports, await ports.registry.resolve(spec), options);
  if (gathered.failures.length || !gathered.fetched || !gathered.lock)
    throw new Error(`could not fetch ${JSON.stringify(spec)}: ${JSON.stringify(gathered.failures)}`);
  return { ...gathered.fetched, lock: gathered.lock };
}

async function vetAdd(cache) {
  const ports = await makeRun(cache);
  const t = performance.now();
  const candidate = await fetchVersion(ports, parsePackageSpec(spec));
  return { ms: performance.now() - t, candidate };
}

async function vetVerify(cache, pinned) {
  const ports = await makeRun(cache); // a new run: nothing in memory from the add
  const t = performance.now();
  const again = await fetchVersion(
    ports,
    { name: pinned.name, wanted: pinned.version, kind: 'version' },
    { integrity: pinned.integrity, fresh: true, lockHint: pinned.lock },
  );
  const changes = diffLocks(pinned.lock, again.lock);
  if (again.integrity !== pinned.integrity || changes.length) throw new Error('verify found changes');
  return performance.now() - t;
}

const rows = { coldNpm: [], coldVet: [], warmNpm: [], warmVet: [], verify: [] };
for (let i = 0; i < runs; i++) {
  const npmCache = mkdtempSync(join(tmpdir(), 'bench-cache-'));
  const vetCache = mkdtempSync(join(tmpdir(), 'bench-cache-'));
  rows.coldNpm.push(npmInstall(npmCache));
  const cold = await vetAdd(vetCache);
  rows.coldVet.push(cold.ms);
  rows.warmNpm.push(npmInstall(npmCache));
  const warm = await vetAdd(vetCache);
  rows.warmVet.push(warm.ms);
  rows.verify.push(await vetVerify(vetCache, warm.candidate));
  rmSync(npmCache, { recursive: true, force: true });
  rmSync(vetCache, { recursive: true, force: true });
}
const m = Object.fromEntries(Object.entries(rows).map(([k, v]) => [k, median(v)]));
const line = (label, ms, base, target) =>
  console.log(`${label.padEnd(44)} ${ms.toFixed(0).padStart(6)} ms  ${(ms / base).toFixed(2)}x  (target ${target})`);
console.log(`${spec}, median of ${runs} runs`);
console.log(
  `${'npm install --ignore-scripts, cold cache'.padEnd(44)} ${m.coldNpm.toFixed(0).padStart(6)} ms  baseline`,
);
line('mcp-vet add pipeline, cold cache', m.coldVet, m.coldNpm, '<= 1.2x');
console.log(
  `${'npm install --ignore-scripts, warm cache'.padEnd(44)} ${m.warmNpm.toFixed(0).padStart(6)} ms  baseline`,
);
line('mcp-vet add pipeline, warm cache', m.warmVet, m.warmNpm, '<= 1.2x');
line('mcp-vet verify of the pin, warm cache', m.verify, m.warmNpm, '<= 0.3x');
