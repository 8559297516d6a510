import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN, runCli } from '../helpers/cli.js';
import { libraryPackage, testServerPackage } from '../helpers/test-packages.js';
import { freePort, startRegistry, type LocalRegistry } from '../helpers/verdaccio.js';

interface JsonReport {
  verdict: string;
  findings: Array<{ code: string; severity: string; subject: string }>;
}

describe('add and verify over a real local registry', () => {
  let reg: LocalRegistry;
  let env: NodeJS.ProcessEnv;
  let ws: string;

  beforeAll(async () => {
    reg = await startRegistry();
    env = await reg.npmEnv();
    await reg.publish(libraryPackage('vet-dep', '1.0.0'));
    await reg.publish(
      testServerPackage({ name: 'vet-server', version: '1.0.0', dependencies: { 'vet-dep': '^1.0.0' } }),
    );
    await reg.publish(
      testServerPackage({ name: 'vet-server', version: '1.1.0', dependencies: { 'vet-dep': '^1.0.0' } }),
    );
    ws = await mkdtemp(join(tmpdir(), 'mcp-vet-ws-'));
    expect((await runCli(['init'], { cwd: ws, env })).code).toBe(0);
  });
  afterAll(async () => reg?.stop());

  const cli = (args: string[], extraEnv: NodeJS.ProcessEnv = {}) =>
    runCli(args, { cwd: ws, env: { ...env, ...extraEnv } });

  it('pins the exact integrity, the dependency closure and the package metadata', async () => {
    const r = await cli(['add', 'vet-server@1.0.0', '--by', 'tests', '--env', 'API_TOKEN', '--arg', '${WORKSPACE}']);
    expect(r.stderr).toContain('pinned vet-server@1.0.0');
    expect(r.code).toBe(0);
    const pin = JSON.parse(await readFile(join(ws, 'allowlist', 'vet-server.json'), 'utf8'));
    const packument = (await (await fetch(`${reg.url}vet-server`)).json()) as {
      versions: Record<string, { dist: { integrity: string } }>;
    };
    expect(pin.integrity).toBe(packument.versions['1.0.0']?.dist.integrity);
    // a registry that serves no attestations is never "verified" (nor "absent")
    expect(pin.provenance.status).toBe('unavailable');
    expect(pin.manifest).toMatchObject({ status: 'captured', tools: 1 });
    expect(pin.launch).toEqual({ args: ['${WORKSPACE}'], env: ['API_TOKEN'] });
    const lock = JSON.parse(await readFile(join(ws, 'snapshots', 'vet-server', '1.0.0', 'lock.json'), 'utf8'));
    expect(Object.keys(lock.packages)).toEqual(['node_modules/vet-dep', 'node_modules/vet-server']);
    expect(lock.packages['node_modules/vet-dep'].version).toBe('1.0.0');
    expect(lock.packages['node_modules/vet-dep'].resolved).toBe('vet-dep/-/vet-dep-1.0.0.tgz');
    expect(JSON.stringify(lock)).not.toContain('127.0.0.1');
    const meta = JSON.parse(await readFile(join(ws, 'snapshots', 'vet-server', '1.0.0', 'package.json'), 'utf8'));
    expect(meta.bin).toEqual({ 'vet-server': 'server.js' });
    expect(meta.files.map((f: { path: string }) => f.path)).toEqual(['package.json', 'server.js']);
  });

  it('resolves a range to an exact version and writes canonical JSON', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'mcp-vet-ws-'));
    await runCli(['init'], { cwd: dir, env });
    const r = await runCli(['add', 'vet-server@^1.0.0', '--by', 'tests', '--format', 'json'], { cwd: dir, env });
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout);
    expect(report.subjects).toMatchObject([{ name: 'vet-server', to: '1.1.0' }]);
    const text = await readFile(join(dir, 'allowlist', 'vet-server.json'), 'utf8');
    expect(text.endsWith('}\n')).toBe(true);
    expect(text).toBe(JSON.stringify(JSON.parse(text), Object.keys(flatKeys(JSON.parse(text))).sort(), 2) + '\n');
  });

  it('verifies an untouched pin', async () => {
    const r = await cli(['verify', 'vet-server@1.0.0', '--format', 'json']);
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout) as JsonReport;
    expect(packageCodes(report)).toEqual([]);
    expect(report.verdict).not.toBe('block');
  });

  it('reports a transitive dependency that resolves differently today', async () => {
    await reg.publish(libraryPackage('vet-dep', '1.0.1'));
    const r = await cli(['verify', 'vet-server@1.0.0', '--format', 'json']);
    const report = JSON.parse(r.stdout) as JsonReport;
    expect(packageCodes(report)).toEqual(['package/closure-version-changed']);
    // its content was reviewed and holds nothing of note; published just now, it is low (info after two days)
    expect(report.findings.find((f) => f.code === 'package/closure-version-changed')?.severity).toBe('low');
    expect(r.code).toBe(0);
    expect((await cli(['verify', 'vet-server@1.0.0', '--fail-on', 'medium'])).code).toBe(0);
    expect((await cli(['verify', 'vet-server@1.0.0', '--fail-on', 'low'])).code).toBe(1);
  });

  it('flags different bytes for the pinned version as critical', async () => {
    const path = reg.tarballPath('vet-server', '1.0.0');
    const original = await readFile(path);
    const tampered = Buffer.from(original);
    tampered[tampered.length - 20] = tampered[tampered.length - 20]! ^ 0xff;
    await writeFile(path, tampered);
    try {
      const r = await cli(['verify', 'vet-server@1.0.0', '--format', 'json']);
      const report = JSON.parse(r.stdout) as JsonReport;
      expect(report.findings.filter((f) => f.severity === 'critical').map((f) => f.code)).toContain(
        'package/integrity-mismatch',
      );
      expect(report.verdict).toBe('block');
      expect(r.code).toBe(1);
      // add refuses the tampered bytes and writes nothing
      const dir = await mkdtemp(join(tmpdir(), 'mcp-vet-ws-'));
      await runCli(['init'], { cwd: dir, env });
      const add = await runCli(['add', 'vet-server@1.0.0'], { cwd: dir, env: await reg.npmEnv() });
      expect(add.code).toBe(1);
      expect(add.stdout).toContain('package/integrity-mismatch');
      expect(add.stderr).toContain('not pinned: vet-server@1.0.0');
      expect(await readdir(join(dir, 'allowlist'))).toEqual([]);
    } finally {
      await writeFile(path, original);
    }
  });

  it('reads a scoped registry and its auth token from .npmrc', async () => {
    await reg.publish(testServerPackage({ name: '@private/secret-server', version: '2.0.0' }));
    const deadPort = await freePort();
    const host = `//127.0.0.1:${reg.port}/`;
    const dir = await mkdtemp(join(tmpdir(), 'mcp-vet-ws-'));
    // the default registry is a dead port: only the scoped registry can answer
    await writeFile(
      join(dir, '.npmrc'),
      `registry=http://127.0.0.1:${deadPort}/\n@private:registry=${reg.url}\n${host}:_authToken=${reg.token}\n`,
    );
    const scopedEnv = {
      npm_config_cache: join(dir, 'cache'),
      npm_config_userconfig: join(dir, 'none'),
      npm_config_globalconfig: join(dir, 'none-global'),
    };
    await writeFile(join(dir, 'package.json'), '{"name":"user-project","private":true}');
    await runCli(['init'], { cwd: dir, env: scopedEnv });
    const ok = await runCli(['add', '@private/secret-server', '--by', 'tests'], { cwd: dir, env: scopedEnv });
    expect(ok.stderr).toContain('pinned @private/secret-server@2.0.0');
    expect(ok.code).toBe(0);
    expect(existsSync(join(dir, 'allowlist', '@private', 'secret-server.json'))).toBe(true);
    // without the token the registry refuses: could not complete, exit 3
    await writeFile(join(dir, '.npmrc'), `@private:registry=${reg.url}\n`);
    const denied = await runCli(['verify', '@private/secret-server'], { cwd: dir, env: scopedEnv });
    expect(denied.stderr).toContain(`registry ${reg.url}`);
    expect(denied.code).toBe(3);
    // an unreachable registry fails closed with exit 3, naming registry and package
    const down = await runCli(['add', 'vet-server'], {
      cwd: dir,
      env: { ...scopedEnv, npm_config_registry: `http://127.0.0.1:${deadPort}/` },
    });
    expect(down.stderr).toMatch(
      new RegExp(`vet-server.*127\\.0\\.0\\.1:${deadPort}.*unreachable.*\\[REGISTRY_UNREACHABLE\\]`),
    );
    expect(down.code).toBe(3);
  });

  it('refuses a package with only a SHA-1 integrity unless --allow-sha1', async () => {
    await reg.publish(testServerPackage({ name: 'vet-sha1', version: '1.0.0' }), { sha1Only: true });
    const dir = await mkdtemp(join(tmpdir(), 'mcp-vet-ws-'));
    await runCli(['init'], { cwd: dir, env });
    const refused = await runCli(['add', 'vet-sha1'], { cwd: dir, env });
    expect(refused.stdout).toContain('package/weak-integrity');
    expect(refused.stdout).toContain('SHA-1');
    expect(refused.code).toBe(1);
    const allowed = await runCli(['add', 'vet-sha1', '--allow-sha1', '--by', 't', '--format', 'json'], {
      cwd: dir,
      env,
    });
    expect(packageCodes(JSON.parse(allowed.stdout) as JsonReport)).toEqual(['package/weak-integrity']);
    expect(allowed.code).toBe(1);
    expect(existsSync(join(dir, 'allowlist', 'vet-sha1.json'))).toBe(false);
    const lowered = await runCli(['add', 'vet-sha1', '--allow-sha1', '--by', 't', '--fail-on', 'critical'], {
      cwd: dir,
      env,
    });
    expect(lowered.code).toBe(0);
    expect(JSON.parse(await readFile(join(dir, 'allowlist', 'vet-sha1.json'), 'utf8')).integrity).toMatch(/^sha1-/);
  });

  describe('bad input', () => {
    it('an invalid spec is a usage error', async () => {
      const r = await cli(['add', 'https://example.invalid/x.tgz']);
      expect(r.stderr).toContain('[INVALID_SPEC]');
      expect(r.code).toBe(2);
    });
    it('an unknown package or version exits 2 with the name', async () => {
      const unknown = await cli(['add', 'no-such-server']);
      expect(unknown.stderr).toMatch(/no-such-server.*not found.*\[NOT_FOUND\]/);
      expect(unknown.code).toBe(2);
      const missing = await cli(['add', 'vet-server@9.9.9']);
      expect(missing.stderr).toMatch(/vet-server@9\.9\.9.*\[NOT_FOUND\]/);
      expect(missing.code).toBe(2);
    });
    it('an unknown option or format exits 2', async () => {
      expect((await cli(['verify', 'vet-server', '--format', 'yaml'])).code).toBe(2);
      expect((await cli(['add'])).code).toBe(2);
    });
    it('a corrupt allowlist file names the file and field', async () => {
      const dir = await mkdtemp(join(tmpdir(), 'mcp-vet-ws-'));
      await runCli(['init'], { cwd: dir, env });
      await writeFile(
        join(dir, 'allowlist', 'vet-server.json'),
        JSON.stringify({ name: 'vet-server', version: '1.0.0', integrity: 42 }),
      );
      const r = await runCli(['verify', 'vet-server'], { cwd: dir, env });
      expect(r.stderr).toContain('allowlist/vet-server.json: field /integrity');
      expect(r.code).toBe(2);
      await writeFile(join(dir, 'allowlist', 'vet-server.json'), '{"name": "vet-server",');
      const broken = await runCli(['verify', 'vet-server'], { cwd: dir, env });
      expect(broken.stderr).toContain('allowlist/vet-server.json: not valid JSON');
      expect(broken.code).toBe(2);
    });
    it('a missing workspace exits 2', async () => {
      const dir = await mkdtemp(join(tmpdir(), 'mcp-vet-ws-'));
      const r = await runCli(['add', 'vet-server'], { cwd: dir, env });
      expect(r.stderr).toContain('[WORKSPACE_MISSING]');
      expect(r.code).toBe(2);
    });
    it('an unwritable snapshot folder leaves the previous pin intact and no partial file', async () => {
      const dir = await mkdtemp(join(tmpdir(), 'mcp-vet-ws-'));
      await runCli(['init'], { cwd: dir, env });
      expect((await runCli(['add', 'vet-server@1.0.0', '--by', 't'], { cwd: dir, env })).code).toBe(0);
      const before = await readFile(join(dir, 'allowlist', 'vet-server.json'), 'utf8');
      // a file where the new version's snapshot folder must go
      await writeFile(join(dir, 'snapshots', 'vet-server', '1.1.0'), 'not a folder');
      const r = await runCli(['add', 'vet-server@1.1.0', '--by', 't'], { cwd: dir, env });
      expect(r.stderr).toContain('[WRITE_FAILED]');
      expect(r.code).toBe(3);
      expect(await readFile(join(dir, 'allowlist', 'vet-server.json'), 'utf8')).toBe(before);
      expect((await readdir(join(dir, 'allowlist'))).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    });
    it('a second run waits for no one: a live lock makes it fail, a stale lock is taken over', async () => {
      const dir = await mkdtemp(join(tmpdir(), 'mcp-vet-ws-'));
      await runCli(['init'], { cwd: dir, env });
      await writeFile(join(dir, 'allowlist', '.mcp-vet.lock'), `${process.pid}\n`);
      const busy = await runCli(['add', 'vet-server@1.0.0', '--by', 't'], { cwd: dir, env });
      expect(busy.stderr).toContain('[WORKSPACE_BUSY]');
      expect(busy.code).toBe(3);
      await writeFile(join(dir, 'allowlist', '.mcp-vet.lock'), '999999999\n');
      expect((await runCli(['add', 'vet-server@1.0.0', '--by', 't'], { cwd: dir, env })).code).toBe(0);
      expect(existsSync(join(dir, 'allowlist', '.mcp-vet.lock'))).toBe(false);
    });
    it('a run killed half-way leaves either the old pin or the new one, complete', async () => {
      const dir = await mkdtemp(join(tmpdir(), 'mcp-vet-ws-'));
      await runCli(['init'], { cwd: dir, env });
      expect((await runCli(['add', 'vet-server@1.0.0', '--by', 't'], { cwd: dir, env })).code).toBe(0);
      for (const delay of [50, 400, 900]) {
        const child = spawn(process.execPath, [BIN, 'add', 'vet-server@1.1.0', '--by', 't'], {
          cwd: dir,
          env: { PATH: process.env['PATH'], HOME: process.env['HOME'], ...env },
          stdio: 'ignore',
        });
        await new Promise((r) => setTimeout(r, delay));
        child.kill('SIGKILL');
        await new Promise((r) => child.once('exit', r));
        const pin = JSON.parse(await readFile(join(dir, 'allowlist', 'vet-server.json'), 'utf8'));
        expect(['1.0.0', '1.1.0']).toContain(pin.version);
        const lock = JSON.parse(await readFile(join(dir, 'snapshots', 'vet-server', pin.version, 'lock.json'), 'utf8'));
        expect(lock.root.version).toBe(pin.version);
      }
      // a stale lock from the killed run does not block the next one
      expect((await runCli(['verify', 'vet-server'], { cwd: dir, env })).code).toBe(0);
      await mkdir(join(dir, 'snapshots'), { recursive: true });
    });
  });
});

/**
 * The package-level codes (this file's concern), without the notices that a local registry serving
 * no attestations, advisories or maintainers always adds (`…-unavailable`).
 */
function packageCodes(report: JsonReport): string[] {
  return report.findings.map((f) => f.code).filter((c) => c.startsWith('package/') && !c.endsWith('-unavailable'));
}

function flatKeys(value: unknown, out: Record<string, true> = {}): Record<string, true> {
  if (Array.isArray(value)) value.forEach((v) => flatKeys(v, out));
  else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      out[k] = true;
      flatKeys(v, out);
    }
  }
  return out;
}
