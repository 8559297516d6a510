import { mkdtempSync, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { integrityOf } from '../../src/core/package/integrity.js';
import { toAttestationsDoc } from '../../src/core/provenance/attestations-doc.js';
import { createTrustVerifier } from '../../src/io/provenance/trust-verifier.js';
import type { Packument, VersionManifest } from '../../src/io/registry.js';
import { Workspace } from '../../src/io/workspace.js';
import { addServer } from '../../src/workflows/add.js';
import type { Ports } from '../../src/workflows/ports.js';
import { verifyServer } from '../../src/workflows/verify.js';
import { FakePorts } from '../helpers/fake-ports.js';
import { haveShared, sharedPath } from '../helpers/shared.js';

const have = haveShared('fixtures', 'provenance', 'README.md');
const F = (...p: string[]) => sharedPath('fixtures', 'provenance', ...p);
const VERSIONS = ['0.4.0', '1.0.0'];

/**
 * Fake ports around a registry serving the real sigstore tarballs and attestations (`served`
 * decides which versions' attestations it serves), verified with the real shipped trust material.
 */
function fakePorts(served: Set<string>, advertised: Set<string>, calls: string[], ws: Workspace): Ports {
  const versions: Record<string, VersionManifest> = {};
  for (const v of VERSIONS) {
    const integrity = integrityOf(readFileSync(F('tarballs', `sigstore@${v}.tgz`)));
    versions[v] = {
      name: 'sigstore',
      version: v,
      dist: {
        integrity,
        tarball: `http://registry.test/sigstore/-/sigstore-${v}.tgz`,
        ...(advertised.has(v) ? { attestations: { url: 'x' } } : {}),
      },
    };
  }
  const packument: Packument = { name: 'sigstore', 'dist-tags': { latest: '1.0.0' }, versions };
  const fake = new FakePorts();
  fake.now = new Date('2026-01-01T00:00:00Z');
  const base = fake.ports();
  return {
    ...base,
    workspace: ws,
    registry: {
      registryFor: () => 'http://registry.test/',
      packument: async () => packument,
      resolve: async (spec) => ({ packument, manifest: versions[spec.wanted === 'latest' ? '1.0.0' : spec.wanted]! }),
      getJson: async () => null,
    },
    resolver: { resolve: async (name, version) => ({ formatVersion: 1, root: { name, version }, packages: {} }) },
    tarballs: { ...base.tarballs, fetch: async (m) => readFileSync(F('tarballs', `sigstore@${m.version}.tgz`)) },
    attestations: {
      fetch: async (name, version) => {
        calls.push(`attestations/${name}@${version}`);
        if (!served.has(version)) return null;
        const data: unknown = JSON.parse(readFileSync(F('attestations', `sigstore@${version}.json`), 'utf8'));
        const doc = toAttestationsDoc(data);
        return 'doc' in doc ? doc.doc : null;
      },
      registryKeys: async () => [],
    },
    trust: createTrustVerifier(),
  };
}

describe.skipIf(!have)('add and verify pin and compare the signer identity', () => {
  it('add pins the identity (TOFU) and stores attestations.json; verify then needs no attestations from the registry', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mcp-vet-prov-ws-'));
    const ws = Workspace.at({ cwd: dir });
    await ws.init();
    const calls: string[] = [];
    const added = await addServer(fakePorts(new Set(VERSIONS), new Set(VERSIONS), calls, ws), {
      spec: 'sigstore@0.4.0',
      by: 't',
      failOn: 'high',
      snapshot: false,
    });
    expect(added.pinned).toBe(true);
    expect(added.entry?.provenance).toMatchObject({
      status: 'verified',
      repository: 'https://github.com/sigstore/sigstore-js',
      workflow: '.github/workflows/publish.yml',
      commit: '8a2ee2fd20dda58ffa4a8d808a65cb1e04711c03',
    });
    const stored = JSON.parse(await readFile(join(dir, 'snapshots', 'sigstore', '0.4.0', 'attestations.json'), 'utf8'));
    expect(stored.attestations).toHaveLength(2);

    // Same version: the stored attestations are used, the registry endpoint is not asked (it now serves nothing).
    calls.length = 0;
    const same = await verifyServer(fakePorts(new Set(), new Set(VERSIONS), calls, ws), {
      spec: 'sigstore@0.4.0',
      failOn: 'high',
      snapshot: false,
    });
    expect(calls.filter((c) => c.includes('attestations'))).toEqual([]);
    expect(same.findings.map((f) => f.code).filter((c) => !c.endsWith('-unavailable'))).toEqual([
      'provenance/verified',
    ]);

    // Next version, same workflow: passes and compares the identity.
    const next = await verifyServer(fakePorts(new Set(VERSIONS), new Set(VERSIONS), [], ws), {
      spec: 'sigstore@1.0.0',
      failOn: 'high',
      snapshot: false,
    });
    // (the package diff of 0.4.0 -> 1.0.0 shows code changes: review, not block)
    expect(next.findings.filter((f) => f.code.startsWith('provenance/')).map((f) => f.code)).toEqual([
      'provenance/verified',
    ]);
    expect(next.verdict).not.toBe('block');

    // Next version without attestations while the packument keeps dist.attestations elsewhere: dropped.
    const dropped = await verifyServer(fakePorts(new Set(['0.4.0']), new Set(['0.4.0']), [], ws), {
      spec: 'sigstore@1.0.0',
      failOn: 'high',
      snapshot: false,
    });
    expect(dropped.findings.filter((f) => f.code.startsWith('provenance/')).map((f) => f.code)).toEqual([
      'provenance/dropped',
    ]);
    expect(dropped.verdict).toBe('block');

    // Next version advertised but not served (a mirror): unavailable, raised to high after a verified pin.
    const mirror = await verifyServer(fakePorts(new Set(['0.4.0']), new Set(VERSIONS), [], ws), {
      spec: 'sigstore@1.0.0',
      failOn: 'high',
      snapshot: false,
    });
    expect(mirror.findings.filter((f) => f.code.startsWith('provenance/')).map((f) => [f.code, f.severity])).toEqual([
      ['provenance/unavailable', 'high'],
    ]);

    // An explicit expectation that the candidate does not meet.
    const expectOther = await verifyServer(fakePorts(new Set(VERSIONS), new Set(VERSIONS), [], ws), {
      spec: 'sigstore@1.0.0',
      failOn: 'high',
      snapshot: false,
      provenance: { expect: { workflow: '.github/workflows/release.yml' } },
    });
    expect(
      expectOther.findings.filter((f) => f.code === 'provenance/identity-changed').map((f) => f.evidence?.['field']),
    ).toEqual(['workflow']);
  });

  it('add with --expect-* refuses a different signer, and a registry without attestations gives unavailable', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mcp-vet-prov-ws-'));
    const ws = Workspace.at({ cwd: dir });
    await ws.init();
    const refused = await addServer(fakePorts(new Set(VERSIONS), new Set(VERSIONS), [], ws), {
      spec: 'sigstore@0.4.0',
      by: 't',
      failOn: 'high',
      snapshot: false,
      provenance: { expect: { repository: 'https://github.com/evil/sigstore-js' } },
    });
    expect(refused.pinned).toBe(false);
    expect(refused.report.findings.map((f) => f.code)).toContain('provenance/identity-changed');
    const none = await addServer(fakePorts(new Set(), new Set(), [], ws), {
      spec: 'sigstore@0.4.0',
      by: 't',
      failOn: 'high',
      snapshot: false,
    });
    expect(none.entry?.provenance).toEqual({ status: 'unavailable' });
    // a registry without attestations is said once for the run, not as a finding per pin
    expect(none.report.findings.filter((f) => f.code.startsWith('provenance/'))).toEqual([]);
    expect(none.report.notices?.map((n) => [n.code, n.subjects])).toEqual([
      ['provenance/unavailable', ['sigstore@0.4.0']],
    ]);
  });
});
