import { createHash } from 'node:crypto';
import { copyFile, mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { canonicalJson, digestOf } from '../../src/core/canonical-json.js';
import { buildPackageMeta } from '../../src/core/package/package-meta.js';
import { loadProvenanceTrust } from '../../src/io/provenance/trust-material.js';
import { readTarball } from '../../src/io/tarball-reader.js';
import { verifyAttestations } from '../../src/workflows/provenance-step.js';
import { runCli } from '../helpers/cli.js';
import { freePort } from '../helpers/verdaccio.js';
import { haveShared, sharedPath } from '../helpers/shared.js';

const have = haveShared('fixtures', 'provenance');
const SPECS = [
  ['sigstore', '0.4.0'],
  ['sigstore', '1.0.0'],
  ['tuf-js', '1.0.0'],
  ['@playwright/cli', '0.1.1'],
] as const;

/**
 * Pins built by hand from the real npm attestations and tarballs in ../shared (the way `add`
 * stores them), then `check --offline` re-verifies the stored attestations with no registry.
 * sigstore@2.3.1 is left out: it is pinned once per name, and sigstore@1.0.0 is used.
 */
describe.skipIf(!have)('check --offline re-verifies real stored attestations', () => {
  let ws: string;
  let env: NodeJS.ProcessEnv;

  beforeAll(async () => {
    ws = await mkdtemp(join(tmpdir(), 'mcp-vet-check-prov-'));
    const trust = await loadProvenanceTrust();
    const servers: Record<string, unknown> = {};
    for (const [name, version] of SPECS) {
      const tgz = await readFile(sharedPath('fixtures', 'provenance', 'tarballs', `${name}@${version}.tgz`));
      const doc = JSON.parse(
        await readFile(sharedPath('fixtures', 'provenance', 'attestations', `${name}@${version}.json`), 'utf8'),
      );
      const sha512 = createHash('sha512').update(tgz).digest('hex');
      const integrity = `sha512-${Buffer.from(sha512, 'hex').toString('base64')}`;
      const contents = await readTarball(tgz, `${name}@${version}`);
      const evaluation = verifyAttestations(trust, doc, { name, version, sha512, packageJson: contents.packageJson });
      expect(evaluation.verified).toBe(true);
      const lock = {
        formatVersion: 1,
        root: { name, version },
        packages: { [`node_modules/${name}`]: { name, version, integrity } },
      };
      const meta = buildPackageMeta({
        name,
        version,
        integrity,
        packageJson: contents.packageJson ?? {},
        files: contents.files,
      });
      const snap = join(ws, 'snapshots', ...name.split('/'), version);
      await mkdir(snap, { recursive: true });
      await writeFile(join(snap, 'lock.json'), canonicalJson(lock));
      await writeFile(join(snap, 'package.json'), canonicalJson(meta));
      await writeFile(join(snap, 'attestations.json'), canonicalJson(doc));
      const entryFile = join(ws, 'allowlist', ...name.split('/')) + '.json';
      await mkdir(join(entryFile, '..'), { recursive: true });
      await writeFile(
        entryFile,
        canonicalJson({
          name,
          version,
          integrity,
          provenance: { status: 'verified', ...evaluation.identity },
          manifest: { status: 'unchecked' },
          dependencies: { digest: digestOf('lock', 1, lock.packages), count: 1 },
          launch: { args: [], env: [] },
          policy: {},
          approved: { by: 'tests', at: '2026-01-01T00:00:00.000Z' },
        }),
      );
      servers[name.replace(/\W/g, '-')] = { command: 'npx', args: ['-y', `${name}@${version}`] };
    }
    await writeFile(join(ws, '.mcp.json'), JSON.stringify({ mcpServers: servers }, null, 2));
    env = { npm_config_registry: `http://127.0.0.1:${await freePort()}/`, npm_config_userconfig: join(ws, 'none') };
  });

  it('passes with the stored attestations and no registry', async () => {
    const r = await runCli(['check', '--offline', '--format', 'json'], { cwd: ws, env });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).findings).toEqual([]);
  });

  it('an altered or foreign attestation fails re-verification (critical)', async () => {
    const stored = join(ws, 'snapshots', 'sigstore', '1.0.0', 'attestations.json');
    const original = await readFile(stored);
    try {
      await copyFile(
        sharedPath('fixtures', 'provenance', 'attestations', 'negative', 'publish-signature-invalid.json'),
        stored,
      );
      const r = await runCli(['check', '--offline', '--format', 'json'], { cwd: ws, env });
      expect(r.code).toBe(1);
      const report = JSON.parse(r.stdout) as {
        findings: Array<{ code: string; severity: string; subject: string; location?: { file?: string } }>;
      };
      // This fixture is about other bytes than the pinned ones: the evidence loader refuses it, naming the file.
      expect(report.findings.map((f) => [f.code, f.severity, f.subject, f.location?.file])).toEqual([
        ['evidence/mismatch', 'critical', 'sigstore@1.0.0', 'snapshots/sigstore/1.0.0/attestations.json'],
      ]);
    } finally {
      await writeFile(stored, original);
    }
  });
});
