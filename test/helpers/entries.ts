/** A minimal valid allowlist entry (before defaults), for tests of parsing and the workspace. */
export function validEntry(name = 'srv'): Record<string, unknown> {
  return {
    name,
    version: '1.0.0',
    integrity: 'sha512-AAAA',
    provenance: { status: 'unchecked' },
    manifest: { status: 'unchecked' },
    dependencies: { digest: `sha256:${'0'.repeat(64)}`, count: 1 },
    approved: { by: 'me', at: '2026-01-01T00:00:00.000Z' },
  };
}
