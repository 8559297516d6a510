import { describe, expect, it } from 'vitest';
import { toAttestationsDoc } from '../../../src/core/provenance/attestations-doc.js';
import { decodeDerString } from '../../../src/core/provenance/der-string.js';
import { identityFromExtensions } from '../../../src/core/provenance/fulcio-identity.js';
import { checkExpectation, compareWithPin } from '../../../src/core/provenance/identity-compare.js';
import { packageRepositoryUrl } from '../../../src/core/provenance/package-repository.js';
import { npmPurl, parseNpmPurl } from '../../../src/core/provenance/purl.js';
import type { Statement } from '../../../src/core/provenance/statement.js';
import { checkSubject } from '../../../src/core/provenance/subject-check.js';
import { missingProvenanceFindings } from '../../../src/core/provenance/status-findings.js';
import { statusWithoutAttestations } from '../../../src/core/provenance/status.js';

const der = (s: string) => {
  const b = Buffer.from(s);
  return Buffer.concat([Buffer.from(b.length < 128 ? [0x0c, b.length] : [0x0c, 0x81, b.length]), b]);
};
const codes = (fs: Array<{ code: string }>) => fs.map((f) => f.code).sort();

describe('DER strings and Fulcio extensions', () => {
  it('decodes short and long form UTF8String and refuses anything else', () => {
    expect(decodeDerString(der('github-hosted'), 'x')).toBe('github-hosted');
    expect(decodeDerString(der('h'.repeat(200)), 'x')).toBe('h'.repeat(200));
    expect(() => decodeDerString(Buffer.from('raw'), 'x')).toThrow(/expected a DER string/);
    expect(() => decodeDerString(Buffer.from([0x0c, 5, 0x61]), 'x')).toThrow(/does not match/);
    expect(() => decodeDerString(Buffer.from([0x0c]), 'x')).toThrow(/truncated/);
  });

  it('prefers .1.8+ values and falls back to legacy .1.1–.1.6', () => {
    const P = '1.3.6.1.4.1.57264.1.';
    const id = identityFromExtensions([
      { oid: `${P}1`, value: Buffer.from('https://legacy.example') },
      { oid: `${P}8`, value: der('https://token.actions.githubusercontent.com') },
      { oid: `${P}12`, value: der('https://github.com/o/r') },
      { oid: `${P}18`, value: der('https://github.com/o/r/.github/workflows/ci.yml@refs/heads/main') },
      { oid: `${P}6`, value: Buffer.from('refs/heads/main') },
      { oid: `${P}3`, value: Buffer.from('abc') },
      { oid: `${P}11`, value: der('self-hosted') },
      { oid: '2.5.29.17', value: Buffer.from('ignored') },
    ]);
    expect(id).toEqual({
      issuer: 'https://token.actions.githubusercontent.com',
      repository: 'https://github.com/o/r',
      workflow: '.github/workflows/ci.yml',
      ref: 'refs/heads/main',
      commit: 'abc',
      runner: 'self-hosted',
    });
  });
});

describe('subject', () => {
  const target = { name: '@s/p', version: '1.0.0', sha512: 'aa'.repeat(64) };
  const st = (name: string, sha512?: string): Statement => ({
    type: 'https://in-toto.io/Statement/v1',
    predicateType: 'x',
    predicate: {},
    subjects: [{ name, digest: sha512 ? { sha512 } : {} }],
  });
  it('builds and parses PURLs', () => {
    expect(npmPurl('@s/p', '1.0.0')).toBe('pkg:npm/%40s/p@1.0.0');
    expect(parseNpmPurl('pkg:npm/%40s/p@1.0.0')).toEqual({ name: '@s/p', version: '1.0.0' });
    expect(parseNpmPurl('pkg:pypi/x@1')).toBeNull();
  });
  it('accepts the right package, version and digest only', () => {
    expect(checkSubject(st('pkg:npm/%40s/p@1.0.0', 'aa'.repeat(64)), target, 'a')).toEqual([]);
    expect(codes(checkSubject(st('pkg:npm/%40s/p@1.0.1', 'aa'.repeat(64)), target, 'a'))).toEqual([
      'provenance/subject-mismatch',
    ]);
    expect(codes(checkSubject(st('pkg:npm/%40s/q@1.0.0', 'aa'.repeat(64)), target, 'a'))).toEqual([
      'provenance/subject-mismatch',
    ]);
    expect(codes(checkSubject(st('pkg:npm/%40s/p@1.0.0', 'bb'.repeat(64)), target, 'a'))).toEqual([
      'provenance/subject-mismatch',
    ]);
    expect(codes(checkSubject(st('pkg:npm/%40s/p@1.0.0'), target, 'a'))).toEqual(['provenance/subject-mismatch']);
  });
});

describe('identity against the pin and --expect-*', () => {
  const pin = {
    status: 'verified' as const,
    issuer: 'i',
    repository: 'https://github.com/o/r',
    repositoryId: '1',
    ownerId: '2',
    workflow: '.github/workflows/r.yml',
    ref: 'refs/tags/v1',
    runner: 'github-hosted',
  };
  it('ignores a new tag and commit, names each field that changed', () => {
    expect(
      compareWithPin('p@2', pin, {
        ...pin,
        ref: 'refs/tags/v2',
        commit: 'x',
        repository: 'git+https://GitHub.com/o/r.git',
      }),
    ).toEqual([]);
    const f = compareWithPin('p@2', pin, { ...pin, ownerId: '9', ref: 'refs/heads/evil', runner: 'self-hosted' });
    expect(f.map((x) => x.evidence?.['field']).sort()).toEqual(['ownerId', 'ref', 'runner']);
    expect(new Set(codes(f))).toEqual(new Set(['provenance/identity-changed']));
  });
  it('does not compare fields a legacy pin lacks', () => {
    expect(compareWithPin('p@2', { status: 'verified', repository: 'https://github.com/o/r' }, { ...pin })).toEqual([]);
  });
  it('checks explicit expectations, with ref globs', () => {
    expect(
      checkExpectation(
        'p@1',
        { repository: 'https://github.com/o/r', ref: 'refs/tags/*', runner: 'github-hosted' },
        pin,
      ),
    ).toEqual([]);
    expect(
      codes(checkExpectation('p@1', { workflow: '.github/workflows/other.yml', ref: 'refs/heads/*' }, pin)),
    ).toEqual(['provenance/identity-changed', 'provenance/identity-changed']);
  });
});

describe('absent versus unavailable', () => {
  it('never says absent unless the packument shows the registry keeps dist.attestations', () => {
    expect(statusWithoutAttestations({ versionAdvertises: true, otherVersionsAdvertise: true })).toBe('unavailable');
    expect(statusWithoutAttestations({ versionAdvertises: false, otherVersionsAdvertise: false })).toBe('unavailable');
    expect(statusWithoutAttestations({ versionAdvertises: false, otherVersionsAdvertise: true })).toBe('absent');
  });
  it('reports dropped provenance, required provenance and unavailability', () => {
    const pinned = { status: 'verified' as const, repository: 'https://github.com/o/r' };
    expect(codes(missingProvenanceFindings({ subject: 'p@2', status: 'absent', pinned, source: 'r' }))).toEqual([
      'provenance/dropped',
    ]);
    expect(
      codes(missingProvenanceFindings({ subject: 'p@2', status: 'absent', requireProvenance: true, source: 'r' })),
    ).toEqual(['provenance/required-missing']);
    const u = missingProvenanceFindings({ subject: 'p@2', status: 'unavailable', source: 'r' });
    expect(u.map((f) => [f.code, f.severity])).toEqual([['provenance/unavailable', 'medium']]);
    expect(missingProvenanceFindings({ subject: 'p@2', status: 'unavailable', pinned, source: 'r' })[0]!.severity).toBe(
      'high',
    );
  });
});

describe('inputs', () => {
  it('reads package.json repository forms', () => {
    expect(packageRepositoryUrl('github:o/r')).toBe('https://github.com/o/r');
    expect(packageRepositoryUrl('o/r')).toBe('https://github.com/o/r');
    expect(packageRepositoryUrl({ type: 'git', url: 'git+ssh://git@github.com/o/r.git' })).toBe(
      'https://github.com/o/r',
    );
    expect(packageRepositoryUrl({ url: 'git@github.com:o/r.git' })).toBe('https://github.com/o/r');
    expect(packageRepositoryUrl(undefined)).toBeUndefined();
  });
  it('accepts the registry response, a bare bundle and a list of bundles; names an unknown media type', () => {
    const bundle = {
      mediaType: 'application/vnd.dev.sigstore.bundle.v0.3+json',
      dsseEnvelope: { payload: Buffer.from('{"predicateType":"p"}').toString('base64') },
    };
    expect(toAttestationsDoc({ attestations: [{ predicateType: 'p', bundle }] })).toEqual({
      doc: { attestations: [{ predicateType: 'p', bundle }] },
    });
    expect(toAttestationsDoc(bundle)).toEqual({ doc: { attestations: [{ predicateType: 'p', bundle }] } });
    expect(toAttestationsDoc([bundle, bundle])).toMatchObject({ doc: { attestations: [{}, {}] } });
    expect(toAttestationsDoc({ mediaType: 'application/x-other' })).toEqual({
      error: expect.stringMatching(/unknown media type/),
    });
    expect(toAttestationsDoc({ attestations: [{ predicateType: 'p', bundle: { mediaType: 'text/plain' } }] })).toEqual({
      error: expect.stringMatching(/unknown media type/),
    });
  });
});
