import { createHash, randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { canonicalJson, digestOf } from '../../src/core/canonical-json.js';
import { buildPackageMeta } from '../../src/core/package/package-meta.js';
import { loadProvenanceTrust } from '../../src/io/provenance/trust-material.js';
import { verifyAttestations } from '../../src/workflows/provenance-step.js';
import { runCli } from '../helpers/cli.js';
import { freePort } from '../helpers/verdaccio.js';
import { createTestSigstore, githubExtensions, slsaStatement } from '../unit/provenance/support/mock-sigstore.js';

/** More pins with attestations than check verifies on the main thread: the worker-thread path. */
const PINS = 20;

describe('check --offline with many attested pins (signature checks on worker threads)', () => {
  let ws: string;
  let env: NodeJS.ProcessEnv;
  const name = (i: number) => `pool-server-${String.fromCharCode(97 + i)}${String.fromCharCode(122 - i)}x`;

  beforeAll(async () => {
    ws = await mkdtemp(join(tmpdir(), 'mcp-vet-check-pool-'));
    const sig = await createTestSigstore();
    const rootFile = join(ws, 'trusted-root.json');
    await writeFile(rootFile, JSON.stringify(sig.trustedRoot));
    const trust = await loadProvenanceTrust({ trustedRootFile: rootFile });
    const servers: Record<string, unknown> = {};
    for (let i = 0; i < PINS; i++) {
      const pkg = name(i);
      const sha512 = createHash('sha512').update(randomBytes(512)).digest('hex');
      const integrity = `sha512-${Buffer.from(sha512, 'hex').toString('base64')}`;
      const ident = {
        repository: `https://github.com/pool/${pkg}`,
        workflow: '.github/workflows/release.yml',
        ref: 'refs/tags/v1.0.0',
        commit: 'b'.repeat(40),
      };
      const bundle = await sig.signStatement(slsaStatement({ name: pkg, version: '1.0.0', sha512, ...ident }), {
        san: `${ident.repository}/${ident.workflow}@${ident.ref}`,
        extensions: githubExtensions(ident),
      });
      const doc = { attestations: [{ predicateType: 'https://slsa.dev/provenance/v1', bundle }] };
      const evaluation = verifyAttestations(trust, doc, { name: pkg, version: '1.0.0', sha512, packageJson: null });
      expect(evaluation.verified).toBe(true);
      const lock = {
        formatVersion: 1,
        root: { name: pkg, version: '1.0.0' },
        packages: { [`node_modules/${pkg}`]: { name: pkg, version: '1.0.0', integrity } },
      };
      const snap = join(ws, 'snapshots', pkg, '1.0.0');
      await mkdir(snap, { recursive: true });
      await mkdir(join(ws, 'allowlist'), { recursive: true });
      await writeFile(join(snap, 'lock.json'), canonicalJson(lock));
      await writeFile(
        join(snap, 'package.json'),
        canonicalJson(
          buildPackageMeta({
            name: pkg,
            version: '1.0.0',
            integrity,
            packageJson: { name: pkg, version: '1.0.0', repository: ident.repository },
            files: [],
          }),
        ),
      );
      await writeFile(join(snap, 'attestations.json'), canonicalJson(doc));
      await writeFile(
        join(ws, 'allowlist', `${pkg}.json`),
        canonicalJson({
          name: pkg,
          version: '1.0.0',
          integrity,
          provenance: { status: 'verified', ...evaluation.identity },
          manifest: { status: 'unchecked' },
          dependencies: { digest: digestOf('lock', 1, lock.packages), count: 1 },
          launch: { args: [], env: [] },
          policy: {},
          approved: { by: 'tests', at: '2026-01-01T00:00:00.000Z' },
        }),
      );
      servers[pkg] = { command: 'npx', args: ['-y', `${pkg}@1.0.0`] };
    }
    await writeFile(join(ws, '.mcp.json'), JSON.stringify({ mcpServers: servers }, null, 2));
    env = { npm_config_registry: `http://127.0.0.1:${await freePort()}/`, npm_config_userconfig: join(ws, 'none') };
  }, 120_000);

  const check = () =>
    runCli(['check', '--offline', '--trusted-root', join(ws, 'trusted-root.json'), '--format', 'json'], {
      cwd: ws,
      env,
    });

  it('passes when every stored attestation verifies', async () => {
    const r = await check();
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout) as { findings: unknown[]; subjects: unknown[] };
    expect(report.findings).toEqual([]);
    expect(report.subjects).toHaveLength(2 * PINS);
  });

  it("fails the one pin whose stored attestation is another package's (critical, exit 1)", async () => {
    const target = join(ws, 'snapshots', name(7), '1.0.0', 'attestations.json');
    const original = await readFile(target);
    try {
      await writeFile(target, await readFile(join(ws, 'snapshots', name(3), '1.0.0', 'attestations.json')));
      const r = await check();
      expect(r.code).toBe(1);
      const report = JSON.parse(r.stdout) as { findings: Array<{ code: string; severity: string; subject: string }> };
      // The stored attestations are not about the pinned bytes: the evidence loader names the file.
      expect(report.findings.map((f) => [f.code, f.severity, f.subject])).toEqual([
        ['evidence/mismatch', 'critical', `${name(7)}@1.0.0`],
      ]);
    } finally {
      await writeFile(target, original);
    }
  });
});
