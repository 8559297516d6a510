import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

/**
 * Real official servers from the registry, at fixed versions, snapshotted through the built binary
 * (install with scripts disabled, sandbox, three starts). One snapshot per server, shared by its tests.
 */
const VERSION = '2026.8.31';
type Tool = {
  name: string;
  description?: string;
  inputSchema: { properties?: Record<string, { type?: string }>; required?: string[] };
};
type M = {
  tools: Tool[];
  prompts: Array<{ name: string }>;
  resources: unknown[];
  probe: { sandbox: { active: string[] } };
};

let dir: string;
const manifests = new Map<string, Promise<{ code: number | null; stderr: string; manifest: M | null }>>();

function snapshot(pkg: string, args: string[] = []) {
  let p = manifests.get(pkg);
  if (!p) {
    p = runCli(['snapshot', `@modelcontextprotocol/${pkg}@${VERSION}`, ...args.flatMap((a) => ['--arg', a])], {
      cwd: dir,
      timeoutMs: 240_000,
    }).then((r) => ({
      code: r.code,
      stderr: r.stderr,
      manifest: r.code === 0 || r.code === 1 ? (JSON.parse(r.stdout) as M) : null,
    }));
    manifests.set(pkg, p);
  }
  return p;
}

const tool = (m: M, name: string) => m.tools.find((t) => t.name === name) as Tool;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mcp-vet-real-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('real servers', { timeout: 300_000 }, () => {
  it('server-memory: knowledge-graph tools', async () => {
    const r = await snapshot('server-memory');
    expect(r.code, r.stderr).toBe(0);
    const m = r.manifest as M;
    expect(m.tools.map((t) => t.name)).toEqual([
      'add_observations',
      'create_entities',
      'create_relations',
      'delete_entities',
      'delete_observations',
      'delete_relations',
      'open_nodes',
      'read_graph',
      'search_nodes',
    ]);
    expect(tool(m, 'create_entities').inputSchema.required).toEqual(['entities']);
    expect(tool(m, 'search_nodes').inputSchema.properties?.['query']?.type).toBe('string');
    expect(m.probe.sandbox.active).toContain('node-permission');
  });

  it('server-filesystem with a sandbox folder argument', async () => {
    const r = await snapshot('server-filesystem', ['${WORKSPACE}']);
    expect(r.code, r.stderr).toBe(0);
    const m = r.manifest as M;
    const names = m.tools.map((t) => t.name);
    for (const n of [
      'read_text_file',
      'write_file',
      'edit_file',
      'list_directory',
      'search_files',
      'list_allowed_directories',
    ])
      expect(names).toContain(n);
    expect(tool(m, 'write_file').inputSchema.required).toEqual(expect.arrayContaining(['path', 'content']));
  });

  it('server-everything: tools, prompts and resources', async () => {
    const r = await snapshot('server-everything');
    expect([0, 1], r.stderr).toContain(r.code);
    const m = r.manifest as M;
    expect(m.tools.map((t) => t.name)).toContain('echo');
    expect(tool(m, 'echo').inputSchema.properties?.['message']?.type).toBe('string');
    expect(m.prompts.length).toBeGreaterThan(0);
    expect(m.resources.length).toBeGreaterThan(0);
  });

  it('server-sequential-thinking: one tool with its schema', async () => {
    const r = await snapshot('server-sequential-thinking');
    expect(r.code, r.stderr).toBe(0);
    const m = r.manifest as M;
    expect(m.tools.map((t) => t.name)).toEqual(['sequentialthinking']);
    expect(tool(m, 'sequentialthinking').inputSchema.required).toEqual(
      expect.arrayContaining(['thought', 'nextThoughtNeeded', 'thoughtNumber', 'totalThoughts']),
    );
  });
});
