import { createHash } from 'node:crypto';

/** The strongest integrity a registry entry offers: its SRI string, or a sha1 one from `shasum`. */
export function bestIntegrity(dist: {
  integrity?: string;
  shasum?: string;
}): { integrity: string; algorithm: string } | null {
  const candidates = (dist.integrity ?? '').split(/\s+/).filter(Boolean);
  const rank = ['sha512', 'sha384', 'sha256', 'sha1'];
  for (const algo of rank) {
    const found = candidates.find((c) => c.startsWith(`${algo}-`));
    if (found) return { integrity: found, algorithm: algo };
  }
  if (dist.shasum && /^[0-9a-f]{40}$/i.test(dist.shasum)) {
    return { integrity: `sha1-${Buffer.from(dist.shasum, 'hex').toString('base64')}`, algorithm: 'sha1' };
  }
  return null;
}

/** The SRI string of `data` with the algorithm of `like` (sha512 by default). */
export function integrityOf(data: Uint8Array, like = 'sha512-'): string {
  const algo = like.split('-')[0] || 'sha512';
  return `${algo}-${createHash(algo).update(data).digest('base64')}`;
}

export function sha512Hex(data: Uint8Array): string {
  return createHash('sha512').update(data).digest('hex');
}
