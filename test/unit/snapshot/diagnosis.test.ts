import { describe, expect, it } from 'vitest';
import { denyingLayer } from '../../../src/core/behaviour/denying-layer.js';
import { stderrTail } from '../../../src/core/text/stderr-tail.js';
import { recordedDenialFindings, sandboxFindings } from '../../../src/workflows/snapshot-findings.js';

describe('denials name the layer that denied them and what lifts it', () => {
  it('Node permission model: --sandbox relaxed; the network namespace: nothing lifts it', () => {
    for (const kind of ['file-read', 'file-write', 'child-process', 'worker', 'other'] as const)
      expect(denyingLayer(kind)).toMatchObject({
        layer: 'node-permission',
        lift: expect.stringContaining('--sandbox relaxed'),
      });
    expect(denyingLayer('network')).toMatchObject({
      layer: 'network-namespace',
      lift: expect.stringMatching(/^no option/),
    });
  });

  it('in the findings of a listing and of a start that failed', () => {
    const listed = sandboxFindings(
      's@1',
      "Error [ERR_ACCESS_DENIED]: Access to this API has been restricted. permission: 'ChildProcess'\nconnect ENETUNREACH 10.0.0.1:443",
    );
    expect(listed.map((f) => [f.location?.name, f.evidence?.['layer']])).toEqual([
      ['child-process', 'node-permission'],
      ['network', 'network-namespace'],
    ]);
    expect(listed[0]!.message).toContain('--sandbox relaxed');
    const failed = recordedDenialFindings('s@1', [{ kind: 'network', resource: '10.0.0.1:443' }]);
    expect(failed[0]!.evidence).toMatchObject({ layer: 'network-namespace' });
  });
});

describe('stderrTail', () => {
  it('keeps the last 20 non-blank lines, each escaped on its own line', () => {
    const text = Array.from({ length: 30 }, (_, i) => `line ${i + 1}`).join('\n') + '\n\n\u001b[2Jboom\tend\n';
    const tail = stderrTail(text);
    expect(tail).toHaveLength(20);
    expect(tail[0]).toBe('line 12');
    expect(tail[19]).toBe('\\u{001B}[2Jboom\\tend');
  });
});
