import { describe, expect, it } from 'vitest';
import { parseManifestInput } from '../../../src/core/manifest-diff/input.js';
import { canonicalManifest } from '../../../src/core/manifest/canonical.js';
import { VetError } from '../../../src/core/errors.js';

function errorOf(fn: () => unknown): VetError {
  try {
    fn();
  } catch (err) {
    if (err instanceof VetError) return err;
    throw err;
  }
  throw new Error('expected an error');
}

describe('parseManifestInput', () => {
  it('accepts a raw tools/list result with prompts, resources and instructions', () => {
    const v = parseManifestInput(
      {
        tools: [{ name: 'a', description: 'A', inputSchema: { type: 'object' } }],
        prompts: [{ name: 'p' }],
        resources: [{ uri: 'file:///x' }],
        instructions: 'hi',
        serverInfo: { name: 'srv', version: '1.0.0' },
      },
      'x.json',
    );
    expect(v.tools.map((t) => t.name)).toEqual(['a']);
    expect(v.prompts).toHaveLength(1);
    expect(v.resources).toHaveLength(1);
    expect(v.instructions).toBe('hi');
    expect(v.server).toEqual({ name: 'srv', version: '1.0.0' });
  });

  it('accepts a JSON-RPC response wrapping a tools/list result', () => {
    const v = parseManifestInput({ jsonrpc: '2.0', id: 1, result: { tools: [{ name: 'a' }] } }, 'x.json');
    expect(v.tools).toHaveLength(1);
  });

  it('accepts an mcp-vet snapshot', () => {
    const m = canonicalManifest({
      serverInfo: { name: 'srv', version: '2.0.0' },
      protocolVersion: '2025-11-25',
      capabilities: {},
      instructions: null,
      tools: [{ name: 'b' }, { name: 'a' }],
      prompts: [],
      resources: [],
      resourceTemplates: [],
    });
    const v = parseManifestInput(JSON.parse(JSON.stringify(m)), 'snap.json');
    expect(v.tools.map((t) => t.name)).toEqual(['a', 'b']);
    expect(v.server?.version).toBe('2.0.0');
  });

  it('rejects a file that is neither, naming the file', () => {
    const e = errorOf(() => parseManifestInput({ hello: 1 }, 'odd.json'));
    expect(e.code).toBe('INVALID_FILE');
    expect(e.message).toContain('odd.json');
    expect(e.exitCode).toBe(2);
    expect(errorOf(() => parseManifestInput([1, 2], 'arr.json')).code).toBe('INVALID_FILE');
    expect(errorOf(() => parseManifestInput(null, 'null.json')).code).toBe('INVALID_FILE');
  });

  it('names the offending field', () => {
    expect(
      errorOf(() => parseManifestInput({ tools: [{ name: 'a' }, { description: 'x' }] }, 'f.json')).message,
    ).toContain('/tools/1/name');
    expect(errorOf(() => parseManifestInput({ tools: [{ name: 'a', description: 5 }] }, 'f.json')).message).toContain(
      '/tools/0/description',
    );
    expect(errorOf(() => parseManifestInput({ tools: [{ name: 'a' }, { name: 'a' }] }, 'f.json')).message).toContain(
      'duplicate',
    );
    expect(errorOf(() => parseManifestInput({ tools: [], instructions: 3 }, 'f.json')).message).toContain(
      '/instructions',
    );
    expect(errorOf(() => parseManifestInput({ formatVersion: 1 }, 's.json')).message).toContain('s.json');
  });
});
