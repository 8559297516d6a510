import { generateKeyPairSync, sign } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { verifyRegistrySignatures } from '../../../src/core/provenance/registry-signatures.js';

const pair = generateKeyPairSync('ec', { namedCurve: 'P-256' });
const key = {
  keyid: 'SHA256:test-key',
  key: pair.publicKey.export({ format: 'der', type: 'spki' }).toString('base64'),
  start: '2020-01-01T00:00:00Z',
  expires: '2025-01-29T00:00:00.000Z',
};
const v = { name: '@s/p', version: '1.2.3', integrity: 'sha512-' + 'A'.repeat(86) + '==' };
const sig = (msg: string) => sign('sha256', Buffer.from(msg), pair.privateKey).toString('base64');
const signed = { ...v, signatures: [{ keyid: key.keyid, sig: sig(`${v.name}@${v.version}:${v.integrity}`) }] };

describe('registry signatures (dist.signatures)', () => {
  it('accepts a valid signature', () => {
    expect(verifyRegistrySignatures({ ...signed, publishedAt: new Date('2024-06-01') }, [key])).toEqual([]);
  });
  it('rejects another integrity and a bogus signature', () => {
    expect(verifyRegistrySignatures({ ...signed, integrity: 'sha512-other' }, [key]).map((f) => f.code)).toEqual([
      'provenance/invalid-signature',
    ]);
    expect(
      verifyRegistrySignatures({ ...v, signatures: [{ keyid: key.keyid, sig: 'bogus' }] }, [key]).map((f) => f.code),
    ).toEqual(['provenance/invalid-signature']);
  });
  it('rejects a key outside its validity window at publish time', () => {
    const f = verifyRegistrySignatures({ ...signed, publishedAt: new Date('2025-06-01') }, [key]);
    expect(f.map((x) => x.code)).toEqual(['provenance/invalid-signature']);
    expect(f[0]!.message).toMatch(/not valid when/);
  });
  it('treats an unknown keyid as outdated trust material, not tampering', () => {
    expect(() =>
      verifyRegistrySignatures({ ...signed, signatures: [{ keyid: 'SHA256:unknown', sig: 'x' }] }, [key]),
    ).toThrow(expect.objectContaining({ code: 'TRUST_MATERIAL' }));
  });
});
