import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tar from 'tar';
import { describe, expect, it } from 'vitest';
import { sha512Hex } from '../../src/core/package/integrity.js';
import { runCli } from '../helpers/cli.js';
import { createTestSigstore, githubExtensions, slsaStatement } from '../unit/provenance/support/mock-sigstore.js';

const BUILD = {
  repository: 'https://github.com/acme/weather-mcp',
  workflow: '.github/workflows/release.yml',
  ref: 'refs/tags/v1.0.0',
  commit: 'f'.repeat(40),
};

describe('bundles signed by a test CA, verified by the binary with --trusted-root', () => {
  it('verifies, pins nothing, needs no registry or workspace, and rejects tampering', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mcp-vet-prov-mock-'));
    mkdirSync(join(dir, 'package'));
    writeFileSync(
      join(dir, 'package', 'package.json'),
      JSON.stringify({ name: 'weather-mcp', version: '1.0.0', repository: 'github:acme/weather-mcp' }),
    );
    const tgz = join(dir, 'weather-mcp-1.0.0.tgz');
    tar.create({ gzip: true, cwd: dir, sync: true, file: tgz, portable: true }, ['package']);
    const sig = await createTestSigstore();
    const statement = slsaStatement({
      name: 'weather-mcp',
      version: '1.0.0',
      sha512: sha512Hex(readFileSync(tgz)),
      ...BUILD,
    });
    const bundle = await sig.signStatement(statement, { extensions: githubExtensions(BUILD) });
    writeFileSync(join(dir, 'root.json'), JSON.stringify(sig.trustedRoot));
    writeFileSync(join(dir, 'bundle.json'), JSON.stringify(bundle));
    const args = [
      'verify',
      'weather-mcp@1.0.0',
      '--tarball',
      tgz,
      '--attestations',
      join(dir, 'bundle.json'),
      '--trusted-root',
      join(dir, 'root.json'),
      '--format',
      'json',
    ];
    const ok = await runCli(args, { cwd: dir });
    expect(ok.stderr).toBe('');
    expect(ok.code).toBe(0);
    const report = JSON.parse(ok.stdout) as { findings: Array<{ code: string; evidence?: Record<string, unknown> }> };
    expect(report.findings.map((f) => f.code)).toEqual(['provenance/verified']);
    expect(report.findings[0]!.evidence).toMatchObject({
      ...BUILD,
      runner: 'github-hosted',
      repositoryId: '1001',
      ownerId: '2002',
    });

    // The shipped Sigstore root does not trust the test CA.
    const untrusted = await runCli(
      args.filter((a, i) => a !== '--trusted-root' && args[i - 1] !== '--trusted-root'),
      { cwd: dir },
    );
    expect(untrusted.code).toBe(1);
    expect(untrusted.stdout).toContain('provenance/invalid-bundle');

    // Pinned identity expectations are checked offline too.
    const other = await runCli([...args, '--expect-workflow', '.github/workflows/publish.yml'], { cwd: dir });
    expect(other.code).toBe(1);
    expect(other.stdout).toContain('provenance/identity-changed');

    // A bad trusted root is a clear input error naming the file.
    writeFileSync(join(dir, 'bad-root.json'), '{"mediaType":"nope"}');
    const bad = await runCli([...args.slice(0, -4), '--trusted-root', join(dir, 'bad-root.json')], { cwd: dir });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('bad-root.json');
  });
});
