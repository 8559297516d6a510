/** An npm registry public key (ECDSA P-256) with its validity window. */
export interface RegistryKey {
  keyid: string;
  /** base64 DER SubjectPublicKeyInfo */
  key: string;
  /** ISO date the key became valid (absent: always) */
  start?: string;
  /** ISO date the key expired (absent or null: still valid) */
  expires?: string | null;
}

export function keyValidAt(key: RegistryKey, at: Date): boolean {
  if (key.start && at < new Date(key.start)) return false;
  if (key.expires && at >= new Date(key.expires)) return false;
  return true;
}

/** Reads `{keys:[{keyid, key, expires}]}` (the /-/npm/v1/keys response); skips entries that are not keys. */
export function parseRegistryKeys(data: unknown): RegistryKey[] {
  const keys = (data as { keys?: unknown })?.keys;
  if (!Array.isArray(keys)) return [];
  const out: RegistryKey[] = [];
  for (const k of keys as Array<Record<string, unknown>>) {
    if (typeof k?.['keyid'] !== 'string' || typeof k['key'] !== 'string') continue;
    const entry: RegistryKey = { keyid: k['keyid'], key: k['key'] };
    if (typeof k['expires'] === 'string') entry.expires = k['expires'];
    out.push(entry);
  }
  return out;
}

/** Keys by id; a later list adds keys but never replaces a shipped one. */
export function mergeKeys(shipped: readonly RegistryKey[], extra: readonly RegistryKey[]): RegistryKey[] {
  const ids = new Set(shipped.map((k) => k.keyid));
  return [...shipped, ...extra.filter((k) => !ids.has(k.keyid))];
}
