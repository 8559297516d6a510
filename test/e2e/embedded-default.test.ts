import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { digestOf } from '../../src/core/canonical-json.js';
import { canonicalManifest } from '../../src/core/manifest/canonical.js';
import { Manifest } from '../../src/core/manifest/format.js';
import { LockFile } from '../../src/core/workspace/lock-file.js';
import { PackageMeta } from '../../src/core/workspace/package-meta.js';
import { Workspace } from '../../src/io/workspace.js';
import { runCli } from '../helpers/cli.js';
import { haveRealRegistry } from '../helpers/real-registry.js';

const ROOT = resolve(import.meta.dirname, '..', '..');
const online = await haveRealRegistry();
const workspace = new Workspace({ allowlist: join(ROOT, 'allowlist'), snapshots: join(ROOT, 'snapshots') });

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => (statSync(join(dir, f)).isDirectory() ? files(join(dir, f)) : [join(dir, f)]));
}

describe('the embedded default (allowlist/ and snapshots/ of this repository)', () => {
  it('pins 6 to 10 real servers whose stored evidence is consistent with the pins', async () => {
    const entries = await workspace.listEntries();
    expect(entries.length).toBeGreaterThanOrEqual(6);
    expect(entries.length).toBeLessThanOrEqual(10);
    for (const entry of entries) {
      const dir = workspace.snapshotDir(entry.name, entry.version);
      const lock = LockFile.parse(JSON.parse(readFileSync(join(dir, 'lock.json'), 'utf8')));
      expect(digestOf('lock', 1, lock.packages), entry.name).toBe(entry.dependencies.digest);
      expect(Object.keys(lock.packages).length).toBe(entry.dependencies.count);
      expect(lock.packages[`node_modules/${entry.name}`]?.integrity).toBe(entry.integrity);
      const meta = PackageMeta.parse(JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')));
      expect(meta.integrity).toBe(entry.integrity);
      const manifest = Manifest.parse(JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')));
      const { $schema: _s, formatVersion: _f, probe, digests: _d, ...content } = manifest;
      expect(canonicalManifest(content, probe).digests?.manifest, entry.name).toBe(entry.manifest.digest);
      expect(entry.manifest).toMatchObject({ status: 'captured', tools: manifest.tools.length });
      expect(manifest.tools.length, entry.name).toBeGreaterThan(0);
    }
  });

  it('names no registry host and no machine path', () => {
    for (const file of [...files(join(ROOT, 'allowlist')), ...files(join(ROOT, 'snapshots'))]) {
      const text = readFileSync(file, 'utf8');
      expect(text, file).not.toMatch(/registry\.npmjs|npmjs\.org|127\.0\.0\.1|localhost:|\/tmp\/mcp-vet/);
    }
  });

  it('the example client config fails the gate on its one unpinned server, offline', async () => {
    const r = await runCli(['check', '--config', 'docs/examples/mcp.json', '--offline', '--format', 'json'], {
      cwd: ROOT,
    });
    const report = JSON.parse(r.stdout) as { findings: Array<{ code: string; subject: string }> };
    expect(report.findings.map((f) => [f.code, f.subject])).toEqual([
      ['config/unpinned', 'docs/examples/mcp.json#thinking'],
    ]);
    expect(r.code).toBe(1);
    // the text report gives the same remedy the markdown report does
    const text = await runCli(['check', '--config', 'docs/examples/mcp.json', '--offline'], { cwd: ROOT });
    expect(text.stdout.replace(/\n {2,}/g, ' ')).toContain('remedy: Start the server through its pin');
    expect(text.code).toBe(1);
  });

  it.skipIf(!online)(
    'drift reports on every embedded pin against the registry, with no errors',
    async () => {
      const r = await runCli(['drift', '--no-snapshot', '--concurrency', '4', '--format', 'json'], {
        cwd: ROOT,
        timeoutMs: 300_000,
      });
      const report = JSON.parse(r.stdout) as { subjects: Array<{ name: string }>; errors?: unknown[] };
      expect(report.errors).toBeUndefined();
      expect(report.subjects.map((s) => s.name)).toEqual((await workspace.listEntries()).map((e) => e.name));
      expect([0, 1]).toContain(r.code);
    },
    300_000,
  );
});
