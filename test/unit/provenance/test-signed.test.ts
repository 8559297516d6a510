import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { compareWithPin } from '../../../src/core/provenance/identity-compare.js';
import { loadProvenanceTrust, type ProvenanceTrust } from '../../../src/io/provenance/trust-material.js';
import { verifyAttestations } from '../../../src/workflows/provenance-step.js';
import {
  createTestSigstore,
  githubExtensions,
  publishStatement,
  slsaStatement,
  type TestSigstore,
} from './support/mock-sigstore.js';

const PKG = { name: '@acme/weather-mcp', version: '1.0.0', sha512: 'ab'.repeat(64) };
const BUILD = {
  repository: 'https://github.com/acme/weather-mcp',
  workflow: '.github/workflows/release.yml',
  ref: 'refs/tags/v1.0.0',
  commit: 'c0ffee'.padEnd(40, '0'),
};

let sig: TestSigstore;
let trust: ProvenanceTrust;

const codes = (fs: Array<{ code: string }>) => fs.map((f) => f.code).sort();

beforeAll(async () => {
  sig = await createTestSigstore();
  const dir = mkdtempSync(join(tmpdir(), 'mcp-vet-prov-'));
  const rootFile = join(dir, 'trusted_root.json');
  writeFileSync(rootFile, JSON.stringify(sig.trustedRoot));
  const npmKey = { ...sig.npmKey, start: '2000-01-01T00:00:00Z' };
  trust = await loadProvenanceTrust({
    trustedRootFile: rootFile,
    npmKeys: { attestations: [npmKey], signatures: [npmKey] },
  });
});

describe('bundles signed in the test by a test CA and log', () => {
  it('verifies a keyless SLSA v1 bundle and a public-key publish bundle, and reads the identity', async () => {
    const provenance = await sig.signStatement(slsaStatement({ ...PKG, ...BUILD }), {
      extensions: githubExtensions(BUILD),
    });
    const publish = await sig.signWithKey(publishStatement(PKG));
    const ev = verifyAttestations(
      trust,
      {
        attestations: [
          { predicateType: 'https://slsa.dev/provenance/v1', bundle: provenance },
          { predicateType: 'https://github.com/npm/attestation/tree/main/specs/publish/v0.1', bundle: publish },
        ],
      },
      PKG,
    );
    expect(codes(ev.findings)).toEqual(['provenance/verified']);
    expect(ev.verified).toBe(true);
    expect(ev.identity).toEqual({
      issuer: 'https://token.actions.githubusercontent.com',
      ...BUILD,
      repositoryId: '1001',
      ownerId: '2002',
      runner: 'github-hosted',
    });
  });

  it('reads legacy .1.1–.1.6 extensions (raw values) when the DER ones are missing', async () => {
    const P = '1.3.6.1.4.1.57264.1.';
    const legacy = [
      { oid: `${P}1`, value: 'https://token.actions.githubusercontent.com', legacy: true },
      { oid: `${P}3`, value: BUILD.commit, legacy: true },
      { oid: `${P}5`, value: 'acme/weather-mcp', legacy: true },
      { oid: `${P}6`, value: BUILD.ref, legacy: true },
    ];
    const bundle = await sig.signStatement(slsaStatement({ ...PKG, ...BUILD }), { extensions: legacy });
    const ev = verifyAttestations(trust, { attestations: [{ predicateType: 'x', bundle }] }, PKG);
    expect(ev.verified).toBe(true);
    expect(ev.identity).toEqual({
      issuer: 'https://token.actions.githubusercontent.com',
      repository: BUILD.repository,
      workflow: BUILD.workflow,
      ref: BUILD.ref,
      commit: BUILD.commit,
    });
  });

  it('rejects a flipped payload byte', async () => {
    const bundle = await sig.signStatement(slsaStatement({ ...PKG, ...BUILD }), {
      extensions: githubExtensions(BUILD),
    });
    const env = bundle['dsseEnvelope'] as { payload: string };
    const bytes = Buffer.from(env.payload, 'base64');
    bytes[bytes.length - 2] = bytes[bytes.length - 2]! ^ 0x01;
    env.payload = bytes.toString('base64');
    const ev = verifyAttestations(trust, { attestations: [{ predicateType: 'x', bundle }] }, PKG);
    expect(ev.verified).toBe(false);
    expect(codes(ev.findings)).toContain('provenance/invalid-bundle');
  });

  it('flags another tarball and another package (valid signature, wrong subject)', async () => {
    const bundle = await sig.signStatement(slsaStatement({ ...PKG, ...BUILD }), {
      extensions: githubExtensions(BUILD),
    });
    const doc = { attestations: [{ predicateType: 'x', bundle }] };
    expect(codes(verifyAttestations(trust, doc, { ...PKG, sha512: 'cd'.repeat(64) }).findings)).toEqual([
      'provenance/subject-mismatch',
    ]);
    expect(codes(verifyAttestations(trust, doc, { ...PKG, name: '@acme/other' }).findings)).toEqual([
      'provenance/subject-mismatch',
    ]);
    expect(codes(verifyAttestations(trust, doc, { ...PKG, version: '1.0.1' }).findings)).toEqual([
      'provenance/subject-mismatch',
    ]);
  });

  it('flags a predicate that contradicts its certificate', async () => {
    const bundle = await sig.signStatement(
      slsaStatement({ ...PKG, ...BUILD, repository: 'https://github.com/evil/fork' }),
      { extensions: githubExtensions(BUILD) },
    );
    const ev = verifyAttestations(trust, { attestations: [{ predicateType: 'x', bundle }] }, PKG);
    expect(ev.verified).toBe(false);
    expect(codes(ev.findings)).toEqual(['provenance/predicate-mismatch']);
  });

  it('flags a self-hosted runner and a package.json repository that differs', async () => {
    const b = { ...BUILD, runner: 'self-hosted' };
    const bundle = await sig.signStatement(slsaStatement({ ...PKG, ...b }), { extensions: githubExtensions(b) });
    const ev = verifyAttestations(
      trust,
      { attestations: [{ predicateType: 'x', bundle }] },
      { ...PKG, packageJson: { repository: 'github:someone/else' } },
    );
    expect(codes(ev.findings)).toEqual([
      'provenance/repository-mismatch',
      'provenance/self-hosted-runner',
      'provenance/verified',
    ]);
  });

  it('rejects a publish bundle whose key was outside its validity window at log time', async () => {
    const publish = await sig.signWithKey(publishStatement(PKG));
    const expired = { ...trust, attestationKeys: [{ ...sig.npmKey, expires: '2001-01-01T00:00:00Z' }] };
    const t = await loadProvenanceTrust({
      trustedRootFile: undefined,
      npmKeys: { attestations: expired.attestationKeys, signatures: [] },
    }).catch(() => null);
    expect(t).not.toBeNull();
    const withRoot = {
      ...trust,
      attestationKeys: expired.attestationKeys,
      material: { ...trust.material, publicKey: t!.material.publicKey },
    };
    const ev = verifyAttestations(withRoot, { attestations: [{ predicateType: 'p', bundle: publish }] }, PKG);
    expect(codes(ev.findings)).toEqual(['provenance/invalid-bundle']);
    expect(ev.findings[0]!.message).toMatch(/not valid for timestamp/);
  });

  it('treats a publish key it does not know as outdated trust material', async () => {
    const publish = await sig.signWithKey(publishStatement(PKG));
    const t = await loadProvenanceTrust({ npmKeys: { attestations: [], signatures: [] } });
    const noKeys = { ...trust, attestationKeys: [], material: { ...trust.material, publicKey: t.material.publicKey } };
    expect(() => verifyAttestations(noKeys, { attestations: [{ predicateType: 'p', bundle: publish }] }, PKG)).toThrow(
      expect.objectContaining({ code: 'TRUST_MATERIAL' }),
    );
  });

  it('reports each identity field that differs from the pin', async () => {
    const bundle = await sig.signStatement(slsaStatement({ ...PKG, ...BUILD }), {
      extensions: githubExtensions(BUILD),
    });
    const ev = verifyAttestations(trust, { attestations: [{ predicateType: 'x', bundle }] }, PKG);
    const pin = {
      status: 'verified' as const,
      ...ev.identity,
      repository: 'https://github.com/acme/other',
      workflow: '.github/workflows/publish.yml',
    };
    const found = compareWithPin('@acme/weather-mcp@1.0.0', pin, ev.identity);
    expect(codes(found)).toEqual(['provenance/identity-changed', 'provenance/identity-changed']);
    expect(found.map((f) => f.evidence?.['field']).sort()).toEqual(['repository', 'workflow']);
  });
});
