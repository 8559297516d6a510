import { describe, expect, it } from 'vitest';
import { exitCodeForReport } from '../../../src/core/report/report.js';
import { checkConfigs } from '../../../src/workflows/check.js';
import { driftCheck } from '../../../src/workflows/drift.js';
import { diffPackageVersions } from '../../../src/workflows/package-diff.js';
import type { Ports } from '../../../src/workflows/ports.js';
import { snapshotPackage } from '../../../src/workflows/snapshot.js';
import { POISONED, pinned, registry, serves } from './support.js';

const codes = (findings: Array<{ code: string }>) => [...new Set(findings.map((f) => f.code))].sort();

/** The ports with one .mcp.json that starts `npx -y <spec>` for each spec. */
function withConfig(ports: Ports, specs: string[]): Ports {
  const servers = Object.fromEntries(specs.map((s, i) => [`s${i}`, { command: 'npx', args: ['-y', s] }]));
  return {
    ...ports,
    configs: {
      ...ports.configs,
      discover: async () => [
        {
          source: { client: 'claude-code', shape: 'mcpServers', file: '.mcp.json' },
          text: JSON.stringify({ mcpServers: servers }),
        },
      ],
    },
  };
}

describe('drift, check, snapshot and diff on fake ports', () => {
  it('drift fetches the pinned tarball once per pin, however many candidates, and reviews each update', async () => {
    const r = registry();
    r.publish('notes', '1.0.0');
    await pinned(r, 'notes', '1.0.0');
    r.publish('notes', '1.1.0');
    r.publish('notes', '1.2.0', { server: serves(POISONED) });
    r.fake.calls.length = 0;
    const report = await driftCheck(r.fake.ports(), { all: true, concurrency: 2, failOn: 'high' });
    expect(r.fake.calls.filter((c) => c === 'tarballs fetch notes@1.0.0')).toHaveLength(1);
    expect(r.fake.calls.filter((c) => c === 'tarballs fetch notes@1.2.0')).toHaveLength(1);
    const bySubject = (s: string) => codes(report.findings.filter((f) => f.subject === s));
    expect(bySubject('notes@1.1.0')).toContain('package/update-available');
    expect(bySubject('notes@1.2.0').some((c) => c.startsWith('poison/'))).toBe(true);
    expect(exitCodeForReport(report, 'high')).toBe(1);
  });

  it('drift: a pinned server whose manifest changes with no release', async () => {
    const r = registry();
    r.publish('notes', '1.0.0');
    await pinned(r, 'notes', '1.0.0');
    r.publish('notes', '1.0.0', { server: serves(POISONED) }); // same bytes, another answer at run time
    r.fake.calls.length = 0;
    const report = await driftCheck(r.fake.ports(), { concurrency: 1, failOn: 'high' });
    expect(codes(report.findings)).toContain('manifest/changed-without-release');
    // one start listed another manifest: the three starts of a snapshot were made again
    expect(r.fake.calls.filter((c) => c.startsWith('sandbox '))).toHaveLength(4);
    expect(report.subjects[0]?.checks?.find((c) => c.name === 'snapshot')?.detail).toBe('each of 3 starts identical');
  });

  it('drift: the approved bytes and closure, listing the approved manifest, are started once', async () => {
    const r = registry();
    r.publish('notes', '1.0.0');
    await pinned(r, 'notes', '1.0.0');
    r.fake.calls.length = 0;
    const report = await driftCheck(r.fake.ports(), { concurrency: 1, failOn: 'high' });
    expect(r.fake.calls.filter((c) => c.startsWith('sandbox '))).toHaveLength(1);
    expect(report.subjects[0]?.checks?.find((c) => c.name === 'snapshot')).toMatchObject({
      status: 'held',
      detail: 'started once, as approved',
    });
    expect(exitCodeForReport(report, 'high')).toBe(0);
  });

  it('drift: a closure that resolves to other packages today gets the three starts', async () => {
    const r = registry();
    r.publish('helper', '1.0.0');
    r.publish('notes', '1.0.0', { dependencies: { helper: '^1.0.0' } });
    await pinned(r, 'notes', '1.0.0');
    r.publish('helper', '1.0.1');
    r.fake.calls.length = 0;
    await driftCheck(r.fake.ports(), { concurrency: 1, failOn: 'high' });
    expect(r.fake.calls.filter((c) => c.startsWith('sandbox '))).toHaveLength(3);
  });

  it('check --offline: clean pins pass with no registry; tampered evidence is critical (exit 1)', async () => {
    const r = registry();
    r.publish('notes', '1.0.0');
    await pinned(r, 'notes', '1.0.0');
    r.fake.unreachable.add('registry');
    r.fake.unreachable.add('tarballs');
    const ports = withConfig(r.fake.ports(), ['notes@1.0.0']);
    const clean = await checkConfigs(ports, { cwd: '/ws', failOn: 'high', offline: true });
    expect(clean.report.findings).toEqual([]);
    const path = r.fake.workspace.snapshotPath('notes', '1.0.0', 'manifest.json');
    const json = JSON.parse(r.fake.workspace.files.get(path)!) as { tools: Array<{ description: string }> };
    json.tools[0]!.description = POISONED;
    r.fake.workspace.files.set(path, JSON.stringify(json));
    const tampered = await checkConfigs(ports, { cwd: '/ws', failOn: 'high', offline: true });
    expect(tampered.report.findings.map((f) => [f.code, f.severity, f.location?.file])).toEqual([
      ['evidence/mismatch', 'critical', path],
    ]);
    expect(exitCodeForReport(tampered.report, 'high')).toBe(1);
  });

  it('check online: an unreachable registry is a stage finding (exit 3), other bytes a failed re-verification', async () => {
    const r = registry();
    r.publish('notes', '1.0.0');
    await pinned(r, 'notes', '1.0.0');
    r.fake.unreachable.add('registry');
    const down = await checkConfigs(withConfig(r.fake.ports(), ['notes@1.0.0']), { cwd: '/ws', failOn: 'high' });
    expect(codes(down.report.findings)).toEqual(['stage/incomplete']);
    expect(exitCodeForReport(down.report, 'high')).toBe(3);
    r.fake.unreachable.clear();
    r.fake.served.set('notes@1.0.0', Buffer.from('other bytes'));
    const other = await checkConfigs(withConfig(r.fake.ports(), ['notes@1.0.0']), { cwd: '/ws', failOn: 'high' });
    expect(codes(other.report.findings)).toEqual(['config/pin-verification-failed']);
  });

  it('snapshot of a pinned version installs the stored lock and refuses tampered evidence', async () => {
    const r = registry();
    r.publish('notes', '1.0.0');
    await pinned(r, 'notes', '1.0.0');
    r.fake.calls.length = 0;
    const result = await snapshotPackage(r.fake.ports(), 'notes@1.0.0', {}, { sandbox: 'strict', recheck: false });
    expect(result.manifest.tools.map((t) => t.name)).toEqual(['add_note']);
    expect(r.fake.calls.filter((c) => c.startsWith('resolver'))).toEqual([]);
    const path = r.fake.workspace.snapshotPath('notes', '1.0.0', 'lock.json');
    r.fake.workspace.files.set(path, '{"formatVersion":1}');
    await expect(
      snapshotPackage(r.fake.ports(), 'notes@1.0.0', {}, { sandbox: 'strict', recheck: false }),
    ).rejects.toMatchObject({ code: 'VERIFICATION_FAILED' });
  });

  it('diff of two versions reports what the new one adds', async () => {
    const r = registry();
    r.publish('notes', '1.0.0');
    r.publish('notes', '1.1.0', { scripts: { postinstall: 'node x.js' } });
    const result = await diffPackageVersions(r.fake.ports(), {
      before: 'notes@1.0.0',
      after: 'notes@1.1.0',
      failOn: 'high',
    });
    expect(codes(result.report.findings)).toContain('package/install-script-added');
  });
});
