import { describe, expect, it } from 'vitest';
import { newerVersions } from '../../../src/core/policy/newer-versions.js';

const published = ['0.9.0', '1.0.0', '1.0.1', '1.1.0-beta.1', '1.1.0', '2.0.0', '2.1.0-rc.1'];

describe('newer versions of a pin', () => {
  it('lists newer releases, oldest first, without prereleases', () => {
    expect(newerVersions(published, '1.0.0')).toEqual({
      withinPolicy: ['1.0.1', '1.1.0', '2.0.0'],
      newestOverall: '2.0.0',
    });
  });
  it('keeps to the policy range but still names the newest overall', () => {
    expect(newerVersions(published, '1.0.0', '^1.0.0')).toEqual({
      withinPolicy: ['1.0.1', '1.1.0'],
      newestOverall: '2.0.0',
    });
  });
  it('takes prereleases only when the range asks for them', () => {
    expect(newerVersions(published, '1.1.0', '>=2.1.0-rc.0').withinPolicy).toEqual(['2.1.0-rc.1']);
  });
  it('has nothing newer for the newest pin', () => {
    expect(newerVersions(published, '2.0.0')).toEqual({ withinPolicy: [] });
  });
});
