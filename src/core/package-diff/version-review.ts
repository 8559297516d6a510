import { finding, type Finding } from '../findings/finding.js';
import type { Severity } from '../findings/severity.js';
import { profileCode, codeTexts, type CodeScanner } from './code-profile.js';
import { apiScanner, dangerousApiUses } from './dangerous-apis.js';
import type { PackageVersion } from './input.js';
import { isMinified } from './minified-code.js';
import { nativeFormat } from './native-binaries.js';
import { endpointScanner } from './network-endpoints.js';
import { obfuscationScanner } from './obfuscated-code.js';
import { unsafeEntryFindings } from './unsafe-entries.js';

const SCANNERS: CodeScanner[] = [endpointScanner, apiScanner, obfuscationScanner];
const MAX_LISTED = 20;

/** Obfuscation kinds that bundlers also produce weigh less than those only an obfuscator does. */
const OBFUSCATION_SEVERITY: Record<string, Severity> = {
  'packed-eval': 'high',
  'obfuscator-identifiers': 'high',
  'hex-escapes': 'medium',
  'encoded-blob': 'low',
};

/**
 * The package signals of one version on its own, for a first pin (there is no approved version to
 * diff with): unsafe tarball entries of every kind, install scripts, native binaries, minified or
 * obfuscated code, dangerous APIs (a download handed to a shell weighs most) and the hard-coded
 * endpoints of its code. Pure.
 */
export function reviewPackageVersion(version: PackageVersion): Finding[] {
  const subject = version.subject;
  const name = version.meta.name;
  const code = codeTexts(version);
  const profile = profileCode(code, SCANNERS);
  const findings: Finding[] = [...unsafeEntryFindings(subject, version)];
  for (const [script, command] of Object.entries(version.meta.installScripts)) {
    // npm runs `prepare` for git and local installs only, never for a registry tarball.
    const registryRuns = script !== 'prepare';
    findings.push(
      finding('package/install-script-added', {
        subject,
        ...(registryRuns ? {} : { severity: 'info' as const }),
        location: { kind: 'package', name, pointer: `/scripts/${script}` },
        message: registryRuns
          ? `${script} script runs at install time: ${command}`
          : `${script} script (run only when installed from git or a folder, not from the registry): ${command}`,
        evidence: { script, after: command },
      }),
    );
  }
  for (const f of version.files) {
    const format = f.type === 'file' ? nativeFormat(f) : null;
    if (format)
      findings.push(
        finding('package/native-binary-added', {
          subject,
          location: { kind: 'file', file: f.path },
          message: `${f.path} is a ${format} binary (${f.size} bytes)`,
          evidence: { format, size: f.size, sha256: f.sha256 },
        }),
      );
  }
  const minified = code.filter(isMinified).map((f) => f.path);
  if (minified.length > 0)
    findings.push(
      finding('package/minified-code-added', {
        subject,
        severity: 'low',
        location: { kind: 'file', file: minified[0]! },
        message: `${minified.length} code file(s) are minified (${minified.slice(0, 3).join(', ')}); review what they do from the source repository`,
        evidence: { files: minified.slice(0, MAX_LISTED) },
      }),
    );
  for (const [kind, site] of profile.get(obfuscationScanner.id) ?? []) {
    findings.push(
      finding('package/obfuscated-code-added', {
        subject,
        severity: OBFUSCATION_SEVERITY[kind] ?? 'medium',
        location: { kind: 'file', file: site.file, line: site.line },
        message: `${site.file}:${site.line} contains code hidden from review (${kind})`,
        evidence: { kind, after: site.match },
      }),
    );
  }
  findings.push(...dangerousApiUses(subject, profile, new Set(minified)));
  findings.push(...endpointSummary(subject, profile));
  return findings;
}

/** The hosts, IP addresses and e-mail addresses in the code, one informational finding per kind. */
function endpointSummary(subject: string, profile: ReturnType<typeof profileCode>): Finding[] {
  const sites = [...(profile.get(endpointScanner.id) ?? [])];
  const kinds = [
    ['host:', 'package/new-network-endpoint', 'names the host(s)'],
    ['ip:', 'package/new-ip-address', 'hard-codes the IP address(es)'],
    ['email:', 'package/new-email-address', 'hard-codes the e-mail address(es)'],
  ] as const;
  const out: Finding[] = [];
  for (const [prefix, code, what] of kinds) {
    const of = sites.filter(([key]) => key.startsWith(prefix));
    if (of.length === 0) continue;
    const values = of.map(([key]) => key.slice(prefix.length));
    const first = of[0]![1];
    out.push(
      finding(code, {
        subject,
        severity: prefix === 'host:' ? 'info' : 'low',
        location: { kind: 'file', file: first.file, line: first.line },
        message: `the code ${what} ${values.slice(0, 5).join(', ')}${values.length > 5 ? ` and ${values.length - 5} more` : ''}`,
        evidence: { values: values.slice(0, MAX_LISTED) },
      }),
    );
  }
  return out;
}
