// `mcp-vet check --offline` over 100 pinned servers with stored (test-signed) attestations:
// the CLI's wall time and peak RSS, and the check workflow in-process against a bare loop of the
// same Sigstore verifications, measured in the same run. Needs `npm run build`.
// Targets (issue #16): the CLI <= 1000 ms, and <= 1.3x the bare verification loop, compared like
// for like: the CLI against the bare loop run as its own process (node start, Sigstore and the
// trust material loaded, the 100 stored attestations read and verified), and the workflow
// in-process against the loop in-process.
//
// Why test-signed: the real fixtures in ../shared/fixtures/provenance are five packages, and a
// workspace pins each package name once, so 100 distinct pins need 100 distinct attestations.
// They are signed by a private Sigstore made here (test/unit/provenance/support/mock-sigstore.ts,
// transpiled on the fly) and verified through the same code path with --trusted-root.
import { spawnSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { digestOf, canonicalJson } from '../dist/core/canonical-json.js';
import { buildPackageMeta } from '../dist/core/package/package-meta.js';
import { loadProvenanceTrust } from '../dist/io/provenance/trust-material.js';
import { makePorts } from '../dist/cli/make-ports.js';
import { createTrustVerifier } from '../dist/io/provenance/trust-verifier.js';
import { checkConfigs } from '../dist/workflows/check.js';
import { verifyAttestations } from '../dist/workflows/provenance-step.js';

const require = createRequire(import.meta.url);
const ts = require('typescript');
const { Verifier, toSignedEntity } = require('@sigstore/verify');
const { bundleFromJSON } = require('@sigstore/bundle');
const N = 100;
const ROUNDS = 5;
const BIN = new URL('../bin/mcp-vet', import.meta.url).pathname;

const tmp = mkdtempSync(join(tmpdir(), 'mcp-vet-bench-check-'));
const mock = await loadMockSigstore(tmp);
const sig = await mock.createTestSigstore();
writeFileSync(join(tmp, 'trusted-root.json'), JSON.stringify(sig.trustedRoot));
const trust = await loadProvenanceTrust({ trustedRootFile: join(tmp, 'trusted-root.json') });

// The workspace: 100 pins, each with lock.json, package.json and attestations.json, and a config.
const ws = join(tmp, 'project');
const servers = {};
const packages = [];
for (let i = 0; i < N; i++) {
  const name = `bench-server-${String(i).padStart(3, '0')}`;
  const version = '1.0.0';
  const tarball = randomBytes(2048);
  const sha512 = createHash('sha512').update(tarball).digest('hex');
  const integrity = `sha512-${Buffer.from(sha512, 'hex').toString('base64')}`;
  const ident = {
    repository: `https://github.com/bench/${name}`,
    workflow: '.github/workflows/release.yml',
    ref: 'refs/tags/v1.0.0',
    commit: 'a'.repeat(40),
  };
  const bundle = await sig.signStatement(mock.slsaStatement({ name, version, sha512, ...ident }), {
    san: `${ident.repository}/${ident.workflow}@${ident.ref}`,
    extensions: mock.githubExtensions(ident),
  });
  const doc = { attestations: [{ predicateType: 'https://slsa.dev/provenance/v1', bundle }] };
  const evaluation = verifyAttestations(trust, doc, { name, version, sha512, packageJson: null });
  if (!evaluation.verified)
    throw new Error(`${name}: test-signed attestation does not verify: ${JSON.stringify(evaluation.findings)}`);
  const lock = {
    formatVersion: 1,
    root: { name, version },
    packages: { [`node_modules/${name}`]: { name, version, integrity } },
  };
  const meta = buildPackageMeta({
    name,
    version,
    integrity,
    packageJson: { name, version, repository: ident.repository },
    files: [],
  });
  const snap = join(ws, 'snapshots', name, version);
  mkdirSync(snap, { recursive: true });
  writeFileSync(join(snap, 'lock.json'), canonicalJson(lock));
  writeFileSync(join(snap, 'package.json'), canonicalJson(meta));
  writeFileSync(join(snap, 'attestations.json'), canonicalJson(doc));
  mkdirSync(join(ws, 'allowlist'), { recursive: true });
  const entry = {
    name,
    version,
    integrity,
    provenance: { status: 'verified', ...evaluation.identity },
    manifest: { status: 'unchecked' },
    dependencies: { digest: digestOf('lock', 1, lock.packages), count: 1 },
    launch: { args: [], env: [] },
    policy: {},
    approved: { by: 'bench', at: '2026-01-01T00:00:00.000Z' },
  };
  writeFileSync(join(ws, 'allowlist', `${name}.json`), canonicalJson(entry));
  servers[name] = { command: 'npx', args: ['-y', `${name}@${version}`] };
  packages.push({ bundles: doc.attestations.map((a) => a.bundle) });
}
writeFileSync(join(ws, '.mcp.json'), JSON.stringify({ mcpServers: servers }, null, 2));

const ms = (t0) => Number(process.hrtime.bigint() - t0) / 1e6;
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

// 1. The CLI, end to end (node start-up, trust material, config discovery, 100 re-verifications).
const preload = join(tmp, 'rss.cjs');
writeFileSync(
  preload,
  "process.on('exit', () => require('fs').writeFileSync(process.env.MCP_VET_BENCH_RSS, String(process.resourceUsage().maxRSS)));\n",
);
const cli = [];
let rssKb = 0;
for (let r = 0; r < ROUNDS + 1; r++) {
  const rssFile = join(tmp, `rss-${r}`);
  const t0 = process.hrtime.bigint();
  const run = spawnSync(
    process.execPath,
    [
      '--require',
      preload,
      BIN,
      'check',
      '--offline',
      '--trusted-root',
      join(tmp, 'trusted-root.json'),
      '--format',
      'json',
    ],
    {
      cwd: ws,
      env: {
        PATH: process.env.PATH,
        HOME: tmp,
        NO_COLOR: '1',
        MCP_VET_BENCH_RSS: rssFile,
        npm_config_registry: 'http://127.0.0.1:9/',
      },
      encoding: 'utf8',
    },
  );
  const t = ms(t0);
  if (run.status !== 0) throw new Error(`check exited ${run.status}: ${run.stderr}\n${run.stdout.slice(0, 2000)}`);
  const report = JSON.parse(run.stdout);
  if (report.verdict !== 'pass' || report.subjects.length !== 2 * N)
    throw new Error(`unexpected report: ${report.verdict}, ${report.subjects.length} subjects`);
  if (r > 0) cli.push(t); // the first run warms the file cache
  rssKb = Math.max(rssKb, Number(readFileSync(rssFile, 'utf8')));
}

// 1b. The bare loop as its own process: what any verifier of these 100 pins must do.
const bareScript = join(tmp, 'bare.mjs');
writeFileSync(
  bareScript,
  `import { createRequire } from 'node:module';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
const require = createRequire(${JSON.stringify(new URL('../package.json', import.meta.url).pathname)});
const { Verifier, toSignedEntity } = require('@sigstore/verify');
const { bundleFromJSON } = require('@sigstore/bundle');
const { loadProvenanceTrust } = await import(${JSON.stringify(new URL('../dist/io/provenance/trust-material.js', import.meta.url).href)});
const trust = await loadProvenanceTrust({ trustedRootFile: process.argv[2] });
const verifier = new Verifier(trust.material);
const snapshots = join(process.argv[3], 'snapshots');
let n = 0;
for (const name of readdirSync(snapshots).sort()) {
  const doc = JSON.parse(readFileSync(join(snapshots, name, '1.0.0', 'attestations.json'), 'utf8'));
  for (const a of doc.attestations) { verifier.verify(toSignedEntity(bundleFromJSON(a.bundle))); n++; }
}
if (n !== ${N}) throw new Error('verified ' + n);
`,
);
const bareCli = [];
for (let r = 0; r < ROUNDS + 1; r++) {
  const t0 = process.hrtime.bigint();
  const run = spawnSync(process.execPath, [bareScript, join(tmp, 'trusted-root.json'), ws], { encoding: 'utf8' });
  const t = ms(t0);
  if (run.status !== 0) throw new Error(`bare loop exited ${run.status}: ${run.stderr}`);
  if (r > 0) bareCli.push(t);
}

// 2. In-process: the check workflow against a bare loop of the Sigstore Verifier over the same bundles.
const bare = new Verifier(trust.material);
function bareLoop() {
  for (const p of packages) for (const b of p.bundles) bare.verify(toSignedEntity(bundleFromJSON(b)));
}
async function workflow() {
  const { report } = await checkConfigs(
    { ...(await makePorts({ cwd: ws, offline: true })), trust: createTrustVerifier({}, trust) },
    { cwd: ws, failOn: 'high', offline: true },
  );
  if (report.verdict !== 'pass')
    throw new Error(`in-process check did not pass: ${JSON.stringify(report.findings.slice(0, 2))}`);
}
bareLoop();
await workflow();
const base = [];
const ours = [];
const ratios = [];
for (let r = 0; r < ROUNDS; r++) {
  let t0 = process.hrtime.bigint();
  bareLoop();
  const b = ms(t0);
  t0 = process.hrtime.bigint();
  await workflow();
  const o = ms(t0);
  base.push(b);
  ours.push(o);
  ratios.push(o / b);
}
const cliMs = median(cli);
const bareMs = median(bareCli);
const b = median(base);
const verdict = (ok) => (ok ? 'met' : 'MISSED');
const cliRatio = cliMs / bareMs;
const inRatio = median(ratios);
console.log(`pins: ${N} (one test-signed SLSA v1 attestation each), rounds: ${ROUNDS}, median`);
console.log(
  `mcp-vet check --offline (CLI, end to end): ${cliMs.toFixed(0)} ms (target <= 1000 ms): ${verdict(cliMs <= 1000)}`,
);
console.log(
  `bare verification loop as a process (node, Sigstore, trust, 100 reads and verifications): ${bareMs.toFixed(0)} ms`,
);
console.log(`  CLI / bare process: ${cliRatio.toFixed(2)}x (target <= 1.3x): ${verdict(cliRatio <= 1.3)}`);
console.log(`bare Sigstore Verifier loop in-process over the same bundles: ${b.toFixed(1)} ms`);
console.log(
  `  check workflow in-process: ${median(ours).toFixed(1)} ms — ${inRatio.toFixed(2)}x (target <= 1.3x): ${verdict(inRatio <= 1.3)} (per round: ${ratios.map((x) => x.toFixed(2)).join(', ')})`,
);
console.log(`peak RSS of the CLI: ${(rssKb / 1024).toFixed(0)} MB (target <= 200 MB)`);

/** The test suite's private Sigstore, transpiled from TypeScript into the temp dir. */
async function loadMockSigstore(dir) {
  const srcPath = new URL('../test/unit/provenance/support/mock-sigstore.ts', import.meta.url);
  const out = ts.transpileModule(readFileSync(srcPath, 'utf8'), {
    compilerOptions: { module: ts.ModuleKind.ES2022, target: ts.ScriptTarget.ES2022 },
  }).outputText;
  const file = join(dir, 'mock-sigstore.mjs');
  writeFileSync(
    file,
    out.replace(
      "from '@sigstore/mock'",
      `from ${JSON.stringify(pathToFileURL(require.resolve('@sigstore/mock')).href)}`,
    ),
  );
  return import(pathToFileURL(file).href);
}
