import { describe, expect, it } from 'vitest';
import { settledRunFindings } from '../../../src/core/assess/settled-run.js';
import { finding } from '../../../src/core/findings/finding.js';
import type { Manifest } from '../../../src/core/manifest/format.js';

const manifest = (digest: string) => ({ digests: { manifest: digest, tools: {} } }) as unknown as Manifest;
const changed = finding('manifest/list-changed', { subject: 'srv@1.0.0', message: 'srv changed its tool list' });

describe('run findings of a re-snapshot of the pinned version', () => {
  it('makes a changing tool list info when the approved manifest is listed again', () => {
    const [f] = settledRunFindings([changed], manifest('sha256-a'), manifest('sha256-a'));
    expect([f?.code, f?.severity]).toEqual(['manifest/list-changed', 'info']);
  });
  it('keeps its severity when the manifest differs or there is no baseline', () => {
    expect(settledRunFindings([changed], manifest('sha256-a'), manifest('sha256-b'))[0]?.severity).toBe('low');
    expect(settledRunFindings([changed], undefined, manifest('sha256-b'))[0]?.severity).toBe('low');
  });
});
