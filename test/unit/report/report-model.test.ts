import { describe, expect, it } from 'vitest';
import { finding } from '../../../src/core/findings/finding.js';
import { buildReport } from '../../../src/core/report/report.js';
import { renderText } from '../../../src/core/report/render-text.js';
import { renderSarif } from '../../../src/core/report/render-sarif.js';
import { ReportDocument } from '../../../src/core/report/report-schema.js';

const closureAdded = (name: string) =>
  finding('package/closure-package-added', {
    subject: 'srv@2.0.0',
    message: `${name}@1.0.0 is new in the dependency closure`,
    location: { kind: 'dependency', name: `node_modules/${name}` },
    evidence: { package: `${name}@1.0.0` },
  });

function upgrade(extra: ReturnType<typeof finding>[] = []) {
  return buildReport({
    command: 'verify',
    toolVersion: '0.0.0',
    failOn: 'high',
    subjects: [
      {
        name: 'srv',
        from: '1.0.0',
        to: '2.0.0',
        candidate: { version: '2.0.0', reason: 'newest-within-policy' },
        facts: [
          {
            version: '2.0.0',
            bytes: true,
            closure: { packages: 40 },
            provenance: 'unavailable',
            snapshot: { starts: 3 },
            manifestCompared: true,
          },
        ],
      },
    ],
    findings: [
      ...Array.from({ length: 30 }, (_, i) => closureAdded(`dep-${String(i).padStart(2, '0')}`)),
      finding('provenance/unavailable', {
        subject: 'srv@2.0.0',
        message: 'no attestations',
        location: { kind: 'provenance' },
        evidence: { reason: 'the mirror serves no attestations' },
      }),
      finding('package/maintainers-unavailable', { subject: 'srv@2.0.0', message: 'no maintainers' }),
      finding('manifest/sdk-noise', { subject: 'srv@2.0.0', message: 'sdk field' }),
      ...extra,
    ],
  });
}

describe('report model', () => {
  it('says registry capability gaps once as notices, not as findings that make a review', () => {
    const r = upgrade();
    expect(r.notices?.map((n) => n.code)).toEqual(['package/maintainers-unavailable', 'provenance/unavailable']);
    expect(r.notices?.[1]?.reasons).toEqual(['the mirror serves no attestations']);
    expect(r.findings.some((f) => f.code === 'provenance/unavailable')).toBe(false);
    expect(ReportDocument.safeParse(JSON.parse(JSON.stringify(r))).success).toBe(true);
  });

  it('keeps a gap raised above its catalogue severity as a finding about that server', () => {
    const raised = finding('provenance/unavailable', {
      subject: 'other@1.0.0',
      severity: 'high',
      message: 'no attestations, and the pin had verified provenance',
    });
    const r = buildReport({ command: 'drift', toolVersion: '0', failOn: 'high', subjects: [], findings: [raised] });
    expect(r.findings.map((f) => f.code)).toEqual(['provenance/unavailable']);
    expect(r.notices).toBeUndefined();
    expect(r.verdict).toBe('block');
  });

  it('derives each check from the facts and the findings', () => {
    const checks = upgrade().subjects[0]!.checks!;
    expect(checks.map((c) => [c.name, c.status])).toEqual([
      ['bytes', 'held'],
      ['closure', 'changed'],
      ['provenance', 'not-checked'],
      ['snapshot', 'held'],
      ['manifest', 'held'],
    ]);
    const broken = upgrade([
      finding('package/integrity-mismatch', { subject: 'srv@2.0.0', message: 'other bytes' }),
      finding('manifest/unstable', { subject: 'srv@2.0.0', message: 'starts differ' }),
    ]).subjects[0]!.checks!;
    expect(broken.find((c) => c.name === 'bytes')?.status).toBe('failed');
    expect(broken.find((c) => c.name === 'snapshot')?.status).not.toBe('held');
  });

  it('says what a first pin reviewed, and fails the manifest check on a poisoning finding', () => {
    const first = (findings: ReturnType<typeof finding>[]) =>
      buildReport({
        command: 'add',
        toolVersion: '0',
        failOn: 'high',
        findings,
        subjects: [
          {
            name: 'srv',
            to: '1.0.0',
            facts: [
              {
                version: '1.0.0',
                bytes: true,
                closure: { packages: 1, compared: false },
                manifestReviewed: { tools: 2, prompts: 0, resources: 1 },
              },
            ],
          },
        ],
      }).subjects[0]!.checks!;
    const clean = first([]);
    expect(clean.map((c) => [c.name, c.status, c.detail])).toEqual([
      ['bytes', 'held', 'tarball matches its integrity'],
      ['closure', 'held', '1 package resolved'],
      ['manifest', 'held', '2 tools, 0 prompts, 1 resource reviewed, no poisoning finding'],
    ]);
    const poisoned = first([
      finding('poison/exfiltration-instruction', {
        subject: 'srv@1.0.0',
        severity: 'critical',
        message: 'reads a key',
      }),
    ]);
    expect(poisoned.find((c) => c.name === 'manifest')?.status).toBe('failed');
  });

  it('names the next command: approve when nothing blocks, read the diff when it does', () => {
    expect(upgrade().next?.map((n) => n.command)).toEqual(['mcp-vet approve srv@2.0.0']);
    const blocked = upgrade([
      finding('package/install-script-added', { subject: 'srv@2.0.0', message: 'postinstall' }),
    ]);
    expect(blocked.verdict).toBe('block');
    expect(blocked.next?.[0]?.command).toBe('mcp-vet diff srv@1.0.0 srv@2.0.0 --code');
  });
});

describe('text report', () => {
  it('puts the verdict first, groups a kind into one entry and names the next command', () => {
    const text = renderText(upgrade(), { color: false });
    const lines = text.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^mcp-vet verify: review/);
    expect(text).toContain('package/closure-package-added x30');
    expect(text).toContain('dep-00@1.0.0');
    expect(text).toMatch(/and \d+ more \(--verbose lists them\)/);
    expect(text).toContain('1 more: 1 manifest/sdk-noise');
    expect(text).toContain('once for the run');
    expect(lines.at(-2)).toBe('  mcp-vet approve srv@2.0.0');
    expect(lines.length).toBeLessThan(25);
  });

  it('says a pin that is up to date and held in two lines, the info findings counted in its head', () => {
    const r = buildReport({
      command: 'drift',
      toolVersion: '0',
      failOn: 'high',
      subjects: [
        {
          name: 'srv',
          from: '1.0.0',
          to: '1.0.0',
          candidate: { version: '1.0.0', reason: 'pinned' },
          facts: [
            {
              version: '1.0.0',
              bytes: true,
              closure: { packages: 40 },
              provenance: 'unavailable',
              snapshot: { starts: 3 },
              manifestCompared: true,
              newerWithinPolicy: null,
            },
          ],
        },
      ],
      findings: [
        finding('package/closure-version-changed', {
          subject: 'srv@1.0.0',
          severity: 'info',
          message: 'left-lib 1.0.0 -> 1.0.1, clean',
          location: { kind: 'dependency', name: 'node_modules/left-lib' },
        }),
      ],
    });
    const lines = renderText(r, { color: false }).trimEnd().split('\n');
    expect(lines.slice(2)).toEqual([
      'srv 1.0.0: pass (up to date, 1.0.0 checked again; 1 info: --verbose)',
      '  held: bytes, 3 identical starts, manifest; changed: closure (1 of 40 packages); not checked: provenance',
    ]);
  });

  it('wraps a long head without leaving a short tail alone on its line', () => {
    const name = '@example-scope/server-for-a-long-sequential-name';
    const r = buildReport({
      command: 'drift',
      toolVersion: '0',
      failOn: 'high',
      subjects: [
        {
          name,
          from: '2026.8.31',
          to: '2026.8.31',
          candidate: { version: '2026.8.31', reason: 'pinned' },
          facts: [{ version: '2026.8.31', bytes: true, closure: { packages: 40 }, newerWithinPolicy: null }],
        },
      ],
      findings: Array.from({ length: 4 }, (_, i) =>
        finding('package/closure-version-changed', {
          subject: `${name}@2026.8.31`,
          severity: 'info',
          message: `lib-${i} 1.0.0 -> 1.0.1, clean`,
          location: { kind: 'dependency', name: `node_modules/lib-${i}` },
        }),
      ),
    });
    const lines = renderText(r, { color: false }).trimEnd().split('\n');
    for (const line of lines) expect(line.length).toBeLessThanOrEqual(120);
    const head = lines.findIndex((l) => l.startsWith(name));
    expect(lines[head + 1]?.trim().length).toBeGreaterThan(16);
    expect(lines[head + 1]).toContain('4 info: --verbose)');
  });

  it('lists every item under --verbose', () => {
    const text = renderText(upgrade(), { color: false, verbose: true });
    for (let i = 0; i < 30; i++) expect(text).toContain(`dep-${String(i).padStart(2, '0')}@1.0.0 is new`);
    expect(text).toContain('manifest/sdk-noise');
  });

  it('shows the remedy of a blocking group', () => {
    const text = renderText(
      upgrade([finding('package/install-script-added', { subject: 'srv@2.0.0', message: 'postinstall' })]),
      { color: false },
    );
    expect(text).toMatch(/remedy: Read the script/);
  });

  it('escapes what a registry sent, in notices too', () => {
    const r = buildReport({
      command: 'verify',
      toolVersion: '0',
      failOn: 'high',
      subjects: [],
      findings: [
        finding('package/advisories-unavailable', {
          subject: 'x@1.0.0',
          message: 'm',
          evidence: { reason: 'answered \u001b[31m405' },
        }),
      ],
    });
    expect(renderText(r, { color: false })).not.toContain('\u001b');
  });
});

describe('SARIF', () => {
  it('keeps every item as a result and the notices as tool notifications', () => {
    const sarif = JSON.parse(renderSarif(upgrade()));
    expect(sarif.runs[0].results).toHaveLength(31);
    expect(
      sarif.runs[0].invocations[0].toolExecutionNotifications.map(
        (n: { descriptor: { id: string } }) => n.descriptor.id,
      ),
    ).toEqual(['mcp-vet/package/maintainers-unavailable', 'mcp-vet/provenance/unavailable']);
  });
});
