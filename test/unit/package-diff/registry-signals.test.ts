import { describe, expect, it } from 'vitest';
import { registrySignals, type RegistryFactsInput } from '../../../src/core/registry-signals/index.js';

const NOW = new Date('2026-03-01T00:00:00Z');
const packument = (over: Partial<RegistryFactsInput['packument']> = {}): RegistryFactsInput['packument'] => ({
  'dist-tags': { latest: '1.1.0' },
  versions: { '1.0.0': {}, '1.1.0': {} },
  time: { '1.0.0': '2025-01-01T00:00:00Z', '1.1.0': '2026-02-27T00:00:00Z' },
  ...over,
});
const codes = (input: Partial<RegistryFactsInput>) =>
  registrySignals({ name: 'srv', pinned: '1.0.0', candidate: '1.1.0', packument: packument(), now: NOW, ...input }).map(
    (f) => [f.code, f.severity],
  );

describe('registry signals', () => {
  it('release younger than minReleaseAgeDays is refused (high: the default --fail-on), age from the registry time as given', () => {
    expect(codes({ policy: { minReleaseAgeDays: 7 } })).toContainEqual(['package/release-too-young', 'high']);
    expect(codes({ policy: { minReleaseAgeDays: 1 } }).map((c) => c[0])).not.toContain('package/release-too-young');
    expect(
      codes({ policy: { minReleaseAgeDays: 7 }, packument: packument({ time: {} }) }).map((c) => c[0]),
    ).not.toContain('package/release-too-young');
  });

  it('deprecated candidate', () => {
    expect(
      codes({
        packument: packument({ versions: { '1.0.0': {}, '1.1.0': { deprecated: 'compromised, do not use' } } }),
      }),
    ).toContainEqual(['package/version-deprecated', 'medium']);
  });

  it('pinned version unpublished is high', () => {
    expect(codes({ packument: packument({ versions: { '1.1.0': {} } }) })).toContainEqual([
      'package/pinned-version-unpublished',
      'high',
    ]);
  });

  it('latest moved below the pin', () => {
    expect(
      codes({ pinned: '1.1.0', candidate: '1.1.0', packument: packument({ 'dist-tags': { latest: '1.0.0' } }) }),
    ).toContainEqual(['package/latest-moved-backwards', 'medium']);
  });

  it('maintainers and publisher changes when served; unavailable otherwise, never a silent pass', () => {
    const served = packument({
      versions: {
        '1.0.0': { maintainers: [{ name: 'alice' }], _npmUser: { name: 'alice' } },
        '1.1.0': { maintainers: [{ name: 'alice' }, { name: 'mallory' }], _npmUser: { name: 'mallory' } },
      },
    });
    const found = codes({ packument: served });
    expect(found).toContainEqual(['package/maintainers-changed', 'high']);
    expect(found).toContainEqual(['package/publisher-changed', 'medium']);
    expect(codes({})).toContainEqual(['package/maintainers-unavailable', 'info']);
  });

  it('advisories: matched by version range with the advisory severity; unavailable is a low finding', () => {
    const advisories = {
      status: 'served' as const,
      advisories: {
        srv: [{ id: 1099, title: 'Command injection', severity: 'critical', vulnerable_versions: '<1.1.0' }],
      },
    };
    const found = registrySignals({
      name: 'srv',
      pinned: '1.0.0',
      candidate: '1.1.0',
      packument: packument(),
      now: NOW,
      advisories,
    });
    expect(found.filter((f) => f.code === 'package/known-advisory').map((f) => [f.subject, f.severity])).toEqual([
      ['srv@1.0.0', 'critical'],
    ]);
    expect(codes({ advisories: { status: 'unavailable', reason: '405' } })).toContainEqual([
      'package/advisories-unavailable',
      'low',
    ]);
  });
});
