// Package diff of two versions of a ~4.5 MB package (@modelcontextprotocol/sdk, 700 files) with a
// warm cache: mcp-vet's full path (resolve both versions, tarballs by integrity from the cache,
// read and hash every entry keeping code, run every signal, render the code view) against a
// baseline measured in the same run: fetching both tarballs from the cache and reading them.
// Needs `npm run build` and the registry configured in npm's config (the first round warms the cache).
import { performance } from 'node:perf_hooks';
import { makePorts } from '../dist/cli/make-ports.js';
import { readTarball } from '../dist/io/tarball-reader.js';
import { diffPackageVersions } from '../dist/workflows/package-diff.js';

const NAME = process.env.BENCH_PACKAGE ?? '@modelcontextprotocol/sdk';
const A = process.env.BENCH_FROM ?? '1.32.1';
const B = process.env.BENCH_TO ?? '1.32.2';
const ROUNDS = 5;
const TARGET_MS = 1000;

const ports = await makePorts({});
const registry = ports.registry;
// Advisories are one POST to the registry: left out of the timing (they are network, not cache).
const advisories = async () => ({ status: 'unavailable', reason: 'bench' });

async function baseline() {
  const t = performance.now();
  let bytes = 0;
  for (const v of [A, B]) {
    const { manifest } = await registry.resolve({ name: NAME, wanted: v, kind: 'version' });
    const tgz = await ports.tarballs.fetch(manifest, manifest.dist.integrity);
    const contents = await readTarball(tgz, `${NAME}@${v}`);
    bytes += contents.files.reduce((n, f) => n + f.size, 0);
  }
  return { ms: performance.now() - t, bytes };
}

async function full() {
  const t = performance.now();
  const r = await diffPackageVersions(ports, {
    before: `${NAME}@${A}`,
    after: `${NAME}@${B}`,
    failOn: 'high',
    code: true,
    advisories,
  });
  return { ms: performance.now() - t, findings: r.report.findings.length, view: r.codeView?.length ?? 0 };
}

await full(); // warm the cache
const base = [];
const ours = [];
let info;
for (let i = 0; i < ROUNDS; i++) {
  base.push((await baseline()).ms);
  info = await full();
  ours.push(info.ms);
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const { bytes } = await baseline();
const m = median(ours);
const b = median(base);
console.log(
  `package diff ${NAME}@${A} -> ${B} (${(bytes / 2 / 1024 / 1024).toFixed(1)} MB unpacked each), warm cache, median of ${ROUNDS}`,
);
console.log(`  baseline (fetch both tarballs from cache + read them): ${b.toFixed(0)} ms`);
console.log(
  `  mcp-vet diff --code (all signals + code view):        ${m.toFixed(0)} ms  (${(m / b).toFixed(2)}x baseline; ${info.findings} findings, ${info.view} chars of diff)`,
);
console.log(`  target <= ${TARGET_MS} ms: ${m <= TARGET_MS ? 'met' : 'MISSED'}`);
