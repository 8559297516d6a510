import { serversFromText } from '../core/config/extract.js';
import { secretFindings } from '../core/config/secret-findings.js';
import { serverSubject } from '../core/config/server.js';
import type { Severity } from '../core/findings/severity.js';
import { buildReport } from '../core/report/report.js';
import { discoverConfigs, readCandidateConfigs, type DiscoveryInput } from '../io/config-discovery.js';
import { TOOL_VERSION } from '../version.js';
import type { CheckResult } from './check.js';

export interface SecretsCheckInput extends DiscoveryInput {
  /** files to check (what a pre-commit hook passes); files with no MCP server section are skipped; not with `user` */
  files: readonly string[];
  failOn: Severity;
}

/**
 * `mcp-vet check --only secrets [FILE…]`: literal secrets in client configs, and nothing else. It
 * reads only the configs (the given files, else the project's, plus --user and --config): no
 * allowlist, no registry, no evidence, so it is fast enough for a pre-commit hook.
 */
export async function checkSecrets(input: SecretsCheckInput): Promise<CheckResult & { skipped: string[] }> {
  // FILE…: those files (and any --config ones) only; else the configs `check` would read
  const candidates = input.files.length > 0 ? await readCandidateConfigs(input.files, input.cwd) : null;
  const explicit = input.explicit ?? [];
  const files = candidates
    ? [...candidates.configs, ...(explicit.length > 0 ? await discoverConfigs({ cwd: input.cwd, explicit }) : [])]
    : await discoverConfigs(input);
  const servers = files.flatMap((f) => serversFromText(f.source, f.text));
  const report = buildReport({
    command: 'check',
    toolVersion: TOOL_VERSION,
    subjects: servers.map((s) => ({ name: serverSubject(s) })),
    findings: servers.flatMap(secretFindings),
    failOn: input.failOn,
  });
  return {
    report,
    files: files.map((f) => f.source.file),
    servers: servers.length,
    skipped: candidates?.skipped ?? [],
  };
}
