import { describe, expect, it } from 'vitest';
import { assessPinnedEvidence, type PinnedFiles } from '../../../src/core/assess/pinned-evidence.js';
import { behaviourDigest, emptyBehaviour, storedBehaviour } from '../../../src/core/behaviour/record.js';
import { AllowlistEntry } from '../../../src/core/workspace/allowlist-entry.js';
import { validEntry } from '../../helpers/entries.js';

const FILE = 'snapshots/srv/1.0.0/behaviour.json';
const record = storedBehaviour({ ...emptyBehaviour('strace'), connections: [{ address: '127.0.0.1:4444' }] });
const withDigest = AllowlistEntry.parse({
  ...validEntry('srv'),
  behaviour: { digest: behaviourDigest(record), tracer: 'strace' },
});
const older = AllowlistEntry.parse(validEntry('srv'));

/** The loader's input with only the behaviour file varied (the other files' findings are left out). */
const files = (behaviour: PinnedFiles['behaviour']): PinnedFiles => ({
  lock: { file: 'lock.json', state: 'missing' },
  meta: { file: 'package.json', state: 'missing' },
  manifest: { file: 'manifest.json', state: 'missing' },
  attestations: { file: 'attestations.json', state: 'missing' },
  behaviour,
});
const behaviourFindings = (pin: AllowlistEntry, f: PinnedFiles['behaviour']) => {
  const out = assessPinnedEvidence(pin, files(f));
  return {
    behaviour: out.behaviour,
    codes: out.findings.filter((x) => x.location?.file === FILE).map((x) => [x.code, x.severity, x.evidence?.['file']]),
  };
};

describe('the pinned-evidence loader and behaviour.json', () => {
  it('a record with the pinned digest is the baseline, with no finding', () => {
    const out = behaviourFindings(withDigest, { file: FILE, state: 'read', value: record });
    expect(out.codes).toEqual([]);
    expect(out.behaviour?.connections).toEqual([{ address: '127.0.0.1:4444' }]);
  });

  it.each([
    ['missing', { file: FILE, state: 'missing' as const }],
    ['invalid', { file: FILE, state: 'invalid' as const, error: 'field /tracer: invalid' }],
    ['edited', { file: FILE, state: 'read' as const, value: { ...record, connections: [] } }],
    [
      'tracer changed',
      { file: FILE, state: 'read' as const, value: { ...record, tracer: 'permission-denials' as const } },
    ],
  ])('%s: a critical evidence/mismatch naming the file, not used as a baseline', (_what, stored) => {
    const out = behaviourFindings(withDigest, stored);
    expect(out.codes).toEqual([['evidence/mismatch', 'critical', FILE]]);
    expect(out.behaviour).toBeUndefined();
  });

  it('the pin says another tracer than the record: a mismatch', () => {
    const pin = AllowlistEntry.parse({
      ...validEntry('srv'),
      behaviour: { digest: behaviourDigest(record), tracer: 'permission-denials' },
    });
    expect(behaviourFindings(pin, { file: FILE, state: 'read', value: record }).codes).toEqual([
      ['evidence/mismatch', 'critical', FILE],
    ]);
  });

  it('a pin made before behaviour was recorded loads without one, whatever the folder holds', () => {
    expect(behaviourFindings(older, { file: FILE, state: 'missing' })).toEqual({ behaviour: undefined, codes: [] });
    expect(behaviourFindings(older, { file: FILE, state: 'read', value: record })).toEqual({
      behaviour: undefined,
      codes: [],
    });
  });

  it('the digest leaves $schema out and covers everything else', () => {
    const { $schema: _s, ...bare } = record;
    expect(behaviourDigest(bare)).toBe(behaviourDigest(record));
    expect(behaviourDigest({ ...record, truncated: true })).not.toBe(behaviourDigest(record));
  });
});
