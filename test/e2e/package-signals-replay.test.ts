import { createHash } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { packTarball } from '../helpers/pack.js';
import { testServerPackage } from '../helpers/test-packages.js';

/**
 * Maintainers and advisories: neither the mirror here nor Verdaccio serves them, so a small loopback
 * server replays answers in the public registry's documented format (packument with per-version
 * `maintainers` and `_npmUser`; POST /-/npm/v1/security/advisories/bulk). Used for these two only.
 */
describe('registry signals a full registry serves (loopback replay)', () => {
  let server: Server;
  let url: string;
  const bulkRequests: unknown[] = [];

  beforeAll(async () => {
    const tarballs: Record<string, Buffer> = {};
    const versions: Record<string, unknown> = {};
    for (const [v, publisher] of [
      ['1.0.0', 'alice'],
      ['1.1.0', 'mallory'],
    ] as const) {
      const files = testServerPackage({ name: 'replay-srv', version: v });
      const tgz = await packTarball(files);
      tarballs[`replay-srv-${v}.tgz`] = tgz;
      versions[v] = {
        ...JSON.parse(String(files['package.json'])),
        maintainers:
          v === '1.0.0'
            ? [{ name: 'alice', email: 'alice@example.com' }]
            : [
                { name: 'alice', email: 'alice@example.com' },
                { name: 'mallory', email: 'mallory@example.com' },
              ],
        _npmUser: { name: publisher, email: `${publisher}@example.com` },
        dist: { integrity: `sha512-${createHash('sha512').update(tgz).digest('base64')}`, tarball: 'TARBALL' },
      };
    }
    server = createServer((req, res) => {
      if (req.method === 'POST' && req.url === '/-/npm/v1/security/advisories/bulk') {
        const chunks: Buffer[] = [];
        req.on('data', (d: Buffer) => chunks.push(d));
        req.on('end', () => {
          const raw = Buffer.concat(chunks);
          // npm (and mcp-vet) gzip the bulk request body, as the documented endpoint accepts
          bulkRequests.push(
            JSON.parse((req.headers['content-encoding'] === 'gzip' ? gunzipSync(raw) : raw).toString('utf8')),
          );
          res.setHeader('content-type', 'application/json');
          res.end(
            JSON.stringify({
              'replay-srv': [
                {
                  id: 1101234,
                  url: 'https://github.com/advisories/GHSA-xxxx-yyyy-zzzz',
                  title: 'OS command injection',
                  severity: 'critical',
                  vulnerable_versions: '<1.1.0',
                  cwe: ['CWE-78'],
                  cvss: { score: 9.6 },
                },
              ],
            }),
          );
        });
        return;
      }
      const tgz = /^\/replay-srv\/-\/(replay-srv-[\d.]+\.tgz)$/.exec(req.url ?? '');
      if (tgz && tarballs[tgz[1]!]) return res.end(tarballs[tgz[1]!]);
      if (req.url === '/replay-srv') {
        const doc = {
          name: 'replay-srv',
          'dist-tags': { latest: '1.1.0' },
          versions: structuredClone(versions) as Record<string, unknown>,
          time: { '1.0.0': '2025-01-01T00:00:00.000Z', '1.1.0': '2025-06-01T00:00:00.000Z' },
        };
        for (const v of Object.keys(doc.versions))
          (doc.versions[v] as { dist: { tarball: string } }).dist.tarball = `${url}replay-srv/-/replay-srv-${v}.tgz`;
        res.setHeader('content-type', 'application/json');
        return res.end(JSON.stringify(doc));
      }
      res.statusCode = 404;
      res.end('{"error":"not found"}');
    });
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    const addr = server.address();
    url = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}/`;
  });
  afterAll(() => new Promise<void>((done) => server?.close(() => done())));

  it('reports the new maintainer, the new publisher and the advisory on the pinned version', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'mcp-vet-replay-'));
    const env = {
      npm_config_cache: join(dir, 'cache'),
      npm_config_userconfig: join(dir, 'none'),
      npm_config_globalconfig: join(dir, 'none-global'),
    };
    const r = await runCli(['diff', 'replay-srv@1.0.0', 'replay-srv@1.1.0', '--registry', url, '--format', 'json'], {
      cwd: dir,
      env,
    });
    const findings = (JSON.parse(r.stdout) as { findings: Array<{ code: string; severity: string; subject: string }> })
      .findings;
    const got = findings.filter((f) => f.severity !== 'info').map((f) => [f.code, f.severity, f.subject]);
    expect(got).toContainEqual(['package/maintainers-changed', 'high', 'replay-srv@1.1.0']);
    expect(got).toContainEqual(['package/publisher-changed', 'medium', 'replay-srv@1.1.0']);
    expect(got).toContainEqual(['package/known-advisory', 'critical', 'replay-srv@1.0.0']);
    expect(findings.map((f) => f.code)).not.toContain('package/advisories-unavailable');
    expect(findings.map((f) => f.code)).not.toContain('package/maintainers-unavailable');
    expect(bulkRequests).toEqual([{ 'replay-srv': ['1.0.0', '1.1.0'] }]);
  });
});
