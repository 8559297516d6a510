import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRegistry, type LocalRegistry } from '../helpers/verdaccio.js';
import { testServerPackage } from '../helpers/test-packages.js';

describe('local registry harness', () => {
  let reg: LocalRegistry;
  beforeAll(async () => {
    reg = await startRegistry();
  });
  afterAll(async () => reg?.stop());

  it('publishes behind authentication and serves the packument', async () => {
    await reg.publish(testServerPackage({ name: 'harness-server', version: '1.0.0' }));
    const res = await fetch(`${reg.url}harness-server`);
    const doc = (await res.json()) as { versions: Record<string, { dist: { integrity: string } }> };
    expect(doc.versions['1.0.0']?.dist.integrity).toMatch(/^sha512-/);
    await expect(
      reg.publish(testServerPackage({ name: 'harness-server', version: '1.0.1' }), { token: 'bogus' }),
    ).rejects.toThrow(/401|403/);
  });
});
