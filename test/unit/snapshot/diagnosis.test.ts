import { describe, expect, it } from 'vitest';
import { denyingLayer } from '../../../src/core/behaviour/denying-layer.js';
import { describeServerFailure } from '../../../src/io/mcp/failure.js';
import { DEFAULT_LIMITS } from '../../../src/io/sandbox/limits.js';
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

describe('describeServerFailure', () => {
  const fail = (stderr: string, stdout: string[] = []) =>
    describeServerFailure(new Error('closed'), {
      label: 's@1 (first start)',
      step: 'listing (tools/list)',
      request: 'tools/list',
      exit: 'exited with status 1',
      transport: { overflow: false, noise: { lines: stdout.length, samples: stdout } } as never,
      stderr,
      abortReason: undefined,
      limits: DEFAULT_LIMITS,
    });

  it('names the step and request, keeps the tail out of the message and in details.stderr', () => {
    const e = fail('a\nb\nError: boom\n');
    expect(e.code).toBe('SERVER_FAILED');
    expect(e.message).toBe('s@1 (first start), during listing (tools/list): the server exited with status 1');
    expect(e.details).toMatchObject({
      stage: 'listing (tools/list)',
      request: 'tools/list',
      stderr: ['a', 'b', 'Error: boom'],
    });
  });

  it('a server that ended writing nothing says so; what it printed on stdout is kept for the hints', () => {
    expect(fail('').message).toBe(
      's@1 (first start), during listing (tools/list): the server exited with status 1; it wrote nothing on stderr or stdout (a server that needs arguments or credentials may end so: --arg, --env)',
    );
    const usage = fail('', ['USAGE', '  notes-mcp start [--folder value]']);
    expect(usage.message).not.toContain('wrote nothing');
    expect(usage.details['stdout']).toEqual(['USAGE', '  notes-mcp start [--folder value]']);
  });

  it('names each layer that denied an operation and what lifts it', () => {
    const node = fail(
      "Error [ERR_ACCESS_DENIED]: Access to this API has been restricted\n  permission: 'FileSystemWrite'",
    );
    expect(node.details['deniedBy']).toBe('node-permission');
    expect(node.message).toContain('--sandbox relaxed');
    const ro = fail("Error: EROFS: read-only file system, open '/sandbox/server/cache.json'");
    expect(ro.details['deniedLayers']).toEqual(['mount-namespace']);
    expect(ro.message).toMatch(/mount namespace.*no option lifts it/);
    const net = fail('getaddrinfo EAI_AGAIN api.example.test');
    expect(net.details['deniedLayers']).toEqual(['network-namespace']);
  });
});
