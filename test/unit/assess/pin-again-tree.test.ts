import { describe, expect, it } from 'vitest';
import { assessPinAgain } from '../../../src/core/assess/pin-again.js';

const pin = { name: 'srv', version: '1.0.0', integrity: 'sha512-AAAA' };
const approved = `sha256:${'1'.repeat(64)}`;

describe('the pinned closure installed again', () => {
  it('another tree digest is package/closure-tree-changed (high), the same one nothing', () => {
    const changed = assessPinAgain({ pin, bytes: {}, tree: { approved, now: `sha256:${'2'.repeat(64)}` } });
    expect(changed.map((f) => [f.code, f.severity])).toEqual([['package/closure-tree-changed', 'high']]);
    expect(assessPinAgain({ pin, bytes: {}, tree: { approved, now: approved } })).toEqual([]);
    expect(assessPinAgain({ pin, bytes: {} })).toEqual([]);
  });
});
