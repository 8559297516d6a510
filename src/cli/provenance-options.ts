import type { Command } from 'commander';
import type { IdentityExpectation } from '../core/provenance/identity-compare.js';

/** --trusted-root and, with `registry`, --provenance-registry. */
export function addProvenanceOptions(cmd: Command, options: { registry: boolean }): Command {
  cmd.option('--trusted-root <file>', 'Sigstore trusted_root.json to use instead of the one shipped with mcp-vet');
  if (options.registry)
    cmd.option('--provenance-registry <url>', 'fetch attestations from this registry (mirrors often strip them)');
  return cmd;
}

/** --expect-repository, --expect-workflow, --expect-ref, --expect-runner. */
export function addExpectOptions(cmd: Command): Command {
  return cmd
    .option('--expect-repository <url>', 'require provenance from this source repository')
    .option('--expect-workflow <path>', 'require this build workflow, e.g. .github/workflows/release.yml')
    .option('--expect-ref <ref>', 'require this git ref; a trailing * matches a prefix, e.g. refs/tags/*')
    .option('--expect-runner <kind>', 'require this runner environment: github-hosted or self-hosted');
}

export function expectationFrom(opts: Record<string, unknown>): IdentityExpectation | undefined {
  const out: IdentityExpectation = {};
  for (const [opt, field] of [
    ['expectRepository', 'repository'],
    ['expectWorkflow', 'workflow'],
    ['expectRef', 'ref'],
    ['expectRunner', 'runner'],
  ] as const) {
    const v = opts[opt];
    if (typeof v === 'string' && v !== '') out[field] = v;
  }
  return Object.keys(out).length > 0 ? out : undefined;
}
