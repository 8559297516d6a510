// Verifying stored attestations for 100 packages: mcp-vet's full path (read attestations.json,
// verify every bundle offline, subject and identity checks) against a bare loop of the Sigstore
// Verifier over the same bundles, in the same run. Needs `npm run build` and ../shared fixtures.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadProvenanceTrust } from '../dist/io/provenance/trust-material.js';
import { verifyAttestations } from '../dist/workflows/provenance-step.js';

const require = createRequire(import.meta.url);
const { Verifier, toSignedEntity } = require('@sigstore/verify');
const { bundleFromJSON } = require('@sigstore/bundle');

const FIX = new URL('../../shared/fixtures/provenance/', import.meta.url).pathname;
if (!existsSync(FIX)) {
  console.log(`skipped: ${FIX} is missing (third-party fixtures are not part of the repository)`);
  process.exit(0);
}
const SPECS = [
  ['sigstore', '0.4.0'],
  ['sigstore', '1.0.0'],
  ['tuf-js', '1.0.0'],
  ['sigstore', '2.3.1'],
  ['@playwright/cli', '0.1.1'],
];
const N = 100;
const ROUNDS = 5;

// 100 stored snapshots: the five real fixtures, cycled.
const dir = mkdtempSync(join(tmpdir(), 'mcp-vet-bench-prov-'));
const packages = [];
for (let i = 0; i < N; i++) {
  const [name, version] = SPECS[i % SPECS.length];
  const file = join(dir, String(i), 'attestations.json');
  mkdirSync(join(dir, String(i)), { recursive: true });
  writeFileSync(file, readFileSync(join(FIX, 'attestations', `${name}@${version}.json`)));
  const sha512 = createHash('sha512')
    .update(readFileSync(join(FIX, 'tarballs', `${name}@${version}.tgz`)))
    .digest('hex');
  packages.push({ name, version, sha512, file });
}
for (const p of packages) p.bundles = JSON.parse(readFileSync(p.file, 'utf8')).attestations.map((a) => a.bundle);
const bundleCount = packages.reduce((n, p) => n + p.bundles.length, 0);

const trust = await loadProvenanceTrust();
const bare = new Verifier(trust.material);

/** Baseline: the Sigstore Verifier alone over one package's bundles (already parsed). */
function bareOne(p) {
  for (const b of p.bundles) bare.verify(toSignedEntity(bundleFromJSON(b)));
}

/** mcp-vet: read the stored attestations.json, verify every bundle, subject and identity checks. */
async function mcpVetOne(p) {
  const doc = JSON.parse(await readFile(p.file, 'utf8'));
  const ev = verifyAttestations(trust, doc, p);
  if (!ev.verified) throw new Error(`${p.name}@${p.version} did not verify`);
}

const ms = (t0) => Number(process.hrtime.bigint() - t0) / 1e6;

// The machine is shared: both are timed package by package, interleaved, so load changes hit both.
async function round() {
  let b = 0;
  let o = 0;
  for (const p of packages) {
    let t0 = process.hrtime.bigint();
    bareOne(p);
    b += ms(t0);
    t0 = process.hrtime.bigint();
    await mcpVetOne(p);
    o += ms(t0);
  }
  return { b, o };
}

await round(); // warm-up
const base = [];
const ours = [];
const ratios = [];
for (let r = 0; r < ROUNDS; r++) {
  const { b, o } = await round();
  base.push(b);
  ours.push(o);
  ratios.push(o / b);
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const b = median(base);
const o = median(ours);
console.log(`packages: ${N} (${bundleCount} bundles), rounds: ${ROUNDS}, median`);
console.log(`bare Sigstore Verifier loop: ${b.toFixed(1)} ms (${(b / N).toFixed(2)} ms/package)`);
console.log(`mcp-vet stored-attestations verification: ${o.toFixed(1)} ms (${(o / N).toFixed(2)} ms/package)`);
console.log(
  `ratio: ${median(ratios).toFixed(2)}x (target <= 1.3x; per round: ${ratios.map((x) => x.toFixed(2)).join(', ')})`,
);
