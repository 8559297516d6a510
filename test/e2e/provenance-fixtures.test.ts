import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { verifyRegistrySignatures } from '../../src/core/provenance/registry-signatures.js';
import { parseRegistryKeys } from '../../src/core/provenance/registry-keys.js';
import { loadProvenanceTrust } from '../../src/io/provenance/trust-material.js';
import { verifyAttestations } from '../../src/workflows/provenance-step.js';
import { sha512Hex } from '../../src/core/package/integrity.js';
import { runCli } from '../helpers/cli.js';
import { haveShared, sharedPath } from '../helpers/shared.js';

const have = haveShared('fixtures', 'provenance', 'README.md');
const F = (...p: string[]) => sharedPath('fixtures', 'provenance', ...p);
const tmp = mkdtempSync(join(tmpdir(), 'mcp-vet-prov-e2e-'));

async function offline(
  spec: string,
  attestations: string,
  tarball = F('tarballs', `${spec}.tgz`),
  extra: string[] = [],
) {
  const r = await runCli([
    'verify',
    spec,
    '--tarball',
    tarball,
    '--attestations',
    attestations,
    '--format',
    'json',
    ...extra,
  ]);
  const report = r.stdout
    ? (JSON.parse(r.stdout) as {
        verdict: string;
        findings: Array<{ code: string; severity: string; evidence?: Record<string, unknown> }>;
      })
    : null;
  return { ...r, report, codes: [...new Set(report?.findings.map((f) => f.code) ?? [])].sort() };
}

const VALID: Array<[string, Record<string, string>]> = [
  [
    'sigstore@0.4.0',
    {
      repository: 'https://github.com/sigstore/sigstore-js',
      workflow: '.github/workflows/publish.yml',
      ref: 'refs/tags/v0.4.0',
      commit: '8a2ee2fd20dda58ffa4a8d808a65cb1e04711c03',
    },
  ],
  [
    'sigstore@1.0.0',
    {
      repository: 'https://github.com/sigstore/sigstore-js',
      workflow: '.github/workflows/publish.yml',
      ref: 'refs/tags/v1.0.0',
      commit: '06528997c3c8ab9f864fad9a3658446aca7fd86d',
    },
  ],
  [
    'tuf-js@1.0.0',
    {
      repository: 'https://github.com/theupdateframework/tuf-js',
      workflow: '.github/workflows/publish.yml',
      ref: 'refs/tags/v1.0.0',
      commit: '99624cc7ce39872e6bd08a0df59229a48562dbca',
    },
  ],
  [
    'sigstore@2.3.1',
    {
      repository: 'https://github.com/sigstore/sigstore-js',
      workflow: '.github/workflows/release.yml',
      ref: 'refs/heads/main',
      repositoryId: '495574555',
      ownerId: '71096353',
      runner: 'github-hosted',
    },
  ],
  [
    '@playwright/cli@0.1.1',
    {
      repository: 'https://github.com/microsoft/playwright-cli',
      workflow: '.github/workflows/publish.yml',
      ref: 'refs/tags/v0.1.1',
      commit: 'd1c6d1113932ddcee243e8b111b6d4aea553df20',
      repositoryId: '273562379',
      runner: 'github-hosted',
    },
  ],
];

describe.skipIf(!have)('real npm attestations, verified offline through the binary', () => {
  it.each(VALID)('%s verifies and shows the identity it was built from', async (spec, identity) => {
    const r = await offline(spec, F('attestations', `${spec}.json`));
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const verified = r.report!.findings.find((f) => f.code === 'provenance/verified');
    expect(verified?.evidence).toMatchObject({ issuer: 'https://token.actions.githubusercontent.com', ...identity });
    // tuf-js@1.0.0's package.json still names the repository it was transferred from
    expect(r.codes).toEqual(
      spec === 'tuf-js@1.0.0' ? ['provenance/repository-mismatch', 'provenance/verified'] : ['provenance/verified'],
    );
  });

  const NEGATIVE: Array<[string, string[]]> = [
    ['publish-signature-invalid', ['provenance/invalid-bundle']],
    ['publish-subject-digest-missing', ['provenance/invalid-bundle', 'provenance/subject-mismatch']],
    ['publish-subject-digest-mismatch', ['provenance/invalid-bundle', 'provenance/subject-mismatch']],
    ['publish-subject-name-mismatch', ['provenance/invalid-bundle', 'provenance/subject-mismatch']],
    ['publish-keyid-empty-provenance-sig-altered', ['provenance/invalid-bundle']],
    ['publish-payloadtype-mismatch', ['provenance/invalid-bundle']],
  ];
  it.each(NEGATIVE)('negative %s fails with its code', async (name, codes) => {
    const r = await offline(
      'sigstore@0.4.0',
      F('attestations', 'negative', `${name}.json`),
      F('tarballs', 'sigstore@0.4.0.tgz'),
    );
    expect(r.code).toBe(1);
    expect(r.report!.verdict).toBe('block');
    expect(r.codes).toEqual(codes);
  });

  it('negative provenance-keyid-unknown is outdated trust material (exit 3), not a verdict', async () => {
    const r = await offline(
      'sigstore@0.4.0',
      F('attestations', 'negative', 'provenance-keyid-unknown.json'),
      F('tarballs', 'sigstore@0.4.0.tgz'),
    );
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(
      /keyid JXkT\/aBM9baLZ7dpjJLQhJrj3Ru5s\/OSXoZzZsPUyhg .*trust material needs updating.*\[TRUST_MATERIAL\]/,
    );
  });

  it('another tarball and another package do not pass', async () => {
    const tarball = await offline(
      'sigstore@0.4.0',
      F('attestations', 'sigstore@0.4.0.json'),
      F('tarballs', 'sigstore@1.0.0.tgz'),
    );
    expect(tarball.code).toBe(1);
    expect(tarball.codes).toEqual(['provenance/subject-mismatch']);
    const pkg = await offline(
      'sigstore@1.0.0',
      F('attestations', 'sigstore@0.4.0.json'),
      F('tarballs', 'sigstore@0.4.0.tgz'),
    );
    expect(pkg.codes).toEqual(['provenance/subject-mismatch']);
  });

  it('a flipped payload byte and a changed subject break the signature', async () => {
    const doc = JSON.parse(readFileSync(F('attestations', 'sigstore@2.3.1.json'), 'utf8')) as {
      attestations: Array<{ bundle: { dsseEnvelope: { payload: string } } }>;
    };
    const flipped = structuredClone(doc);
    const env = flipped.attestations[1]!.bundle.dsseEnvelope;
    const bytes = Buffer.from(env.payload, 'base64');
    bytes[20] = bytes[20]! ^ 0x01;
    env.payload = bytes.toString('base64');
    writeFileSync(join(tmp, 'flipped.json'), JSON.stringify(flipped));
    expect((await offline('sigstore@2.3.1', join(tmp, 'flipped.json'))).codes).toContain('provenance/invalid-bundle');
    const changed = structuredClone(doc);
    const e2 = changed.attestations[1]!.bundle.dsseEnvelope;
    e2.payload = Buffer.from(
      Buffer.from(e2.payload, 'base64').toString().replace('pkg:npm/sigstore@2.3.1', 'pkg:npm/sigstore@2.3.2'),
    ).toString('base64');
    writeFileSync(join(tmp, 'changed.json'), JSON.stringify(changed));
    const r = await offline('sigstore@2.3.1', join(tmp, 'changed.json'));
    expect(r.codes).toEqual(['provenance/invalid-bundle', 'provenance/subject-mismatch']);
  });

  it('an identity that differs from the one required is named field by field', async () => {
    const r = await offline('@playwright/cli@0.1.1', F('attestations', '@playwright/cli@0.1.1.json'), undefined, [
      '--expect-repository',
      'https://github.com/microsoft/playwright',
      '--expect-ref',
      'refs/tags/*',
      '--expect-runner',
      'self-hosted',
    ]);
    expect(r.code).toBe(1);
    expect(
      r
        .report!.findings.filter((f) => f.code === 'provenance/identity-changed')
        .map((f) => f.evidence?.['field'])
        .sort(),
    ).toEqual(['repository', 'runner']);
  });

  it('a publish key outside its validity window at log time is rejected', async () => {
    const keys = parseRegistryKeys(JSON.parse(readFileSync(F('registry-keys.json'), 'utf8'))).map((k) => ({
      ...k,
      expires: '2023-01-01T00:00:00Z',
    }));
    const trust = await loadProvenanceTrust({ npmKeys: { attestations: keys, signatures: keys } });
    const doc = JSON.parse(readFileSync(F('attestations', 'sigstore@0.4.0.json'), 'utf8'));
    const ev = verifyAttestations(trust, doc, {
      name: 'sigstore',
      version: '0.4.0',
      sha512: sha512Hex(readFileSync(F('tarballs', 'sigstore@0.4.0.tgz'))),
    });
    expect(ev.findings.map((f) => f.code)).toEqual(['provenance/invalid-bundle']);
    expect(ev.findings[0]!.message).toMatch(/not valid for timestamp/);
  });

  it('shipped npm keys are the keys of registry-keys.json, and every registry signature verifies', async () => {
    const fixtureKeys = parseRegistryKeys(JSON.parse(readFileSync(F('registry-keys.json'), 'utf8')));
    const trust = await loadProvenanceTrust();
    expect(trust.signatureKeys.map((k) => [k.keyid, k.key, k.expires ?? null])).toEqual(
      fixtureKeys.map((k) => [k.keyid, k.key, k.expires ?? null]),
    );
    const entries = JSON.parse(readFileSync(F('registry-signatures.json'), 'utf8')) as Array<{
      name: string;
      version: string;
      integrity: string;
      signatures: Array<{ keyid: string; sig: string }>;
    }>;
    expect(entries).toHaveLength(7);
    for (const e of entries) {
      expect(verifyRegistrySignatures(e, trust.signatureKeys), `${e.name}@${e.version}`).toEqual([]);
      const other = trust.signatureKeys.find((k) => k.keyid !== e.signatures[0]!.keyid)!;
      const swapped = [{ ...other, keyid: e.signatures[0]!.keyid }];
      expect(verifyRegistrySignatures(e, swapped).map((f) => f.code)).toEqual(['provenance/invalid-signature']);
    }
  });
});

describe.skipIf(!have)('bad attestation files: clear errors naming the file', () => {
  const tarball = F('tarballs', 'sigstore@0.4.0.tgz');
  const run = (file: string) => runCli(['verify', 'sigstore@0.4.0', '--tarball', tarball, '--attestations', file]);
  it('malformed JSON', async () => {
    const f = join(tmp, 'malformed.json');
    writeFileSync(f, '{"attestations": [ nope');
    const r = await run(f);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(f);
    expect(r.stderr).toMatch(/not valid JSON/);
  });
  it('a truncated bundle', async () => {
    const f = join(tmp, 'truncated.json');
    writeFileSync(f, readFileSync(F('attestations', 'sigstore@0.4.0.json'), 'utf8').slice(0, 3000));
    const r = await run(f);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(f);
  });
  it('an unknown media type', async () => {
    const doc = JSON.parse(readFileSync(F('attestations', 'sigstore@0.4.0.json'), 'utf8'));
    doc.attestations[0].bundle.mediaType = 'application/vnd.dev.sigstore.bundle+json;version=9.9';
    const f = join(tmp, 'mediatype.json');
    writeFileSync(f, JSON.stringify(doc));
    const r = await run(f);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/provenance\/invalid-bundle/);
    const g = join(tmp, 'not-a-bundle.json');
    writeFileSync(g, JSON.stringify({ mediaType: 'application/json' }));
    const r2 = await run(g);
    expect(r2.code).toBe(2);
    expect(r2.stderr).toContain(g);
    expect(r2.stderr).toMatch(/unknown media type/);
  });
  it('a bundle for another package, as a bare bundle and as JSON Lines', async () => {
    const doc = JSON.parse(readFileSync(F('attestations', 'tuf-js@1.0.0.json'), 'utf8')) as {
      attestations: Array<{ bundle: unknown }>;
    };
    const bare = join(tmp, 'bare.json');
    writeFileSync(bare, JSON.stringify(doc.attestations[0]!.bundle));
    expect((await offline('sigstore@0.4.0', bare, tarball)).codes).toEqual(['provenance/subject-mismatch']);
    const lines = join(tmp, 'bundles.jsonl');
    writeFileSync(lines, doc.attestations.map((a) => JSON.stringify(a.bundle)).join('\n') + '\n');
    expect((await offline('sigstore@0.4.0', lines, tarball)).codes).toEqual(['provenance/subject-mismatch']);
    expect((await offline('tuf-js@1.0.0', lines)).codes).toContain('provenance/verified');
  });
  it('a 50 MB attestations file is refused without reading it', async () => {
    const f = join(tmp, 'huge.json');
    writeFileSync(f, Buffer.alloc(50 * 1024 * 1024, 0x20));
    const r = await run(f);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(f);
    expect(r.stderr).toMatch(/50\.0 MB is larger than/);
  });
});
