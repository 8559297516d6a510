import { Command } from 'commander';
import { VetError } from '../../core/errors.js';
import { addOutputOptions, addRegistryOptions, addWorkspaceOptions, outputOptions } from '../common-options.js';
import { addPipelineOptions, pipelineOptions, portOptions } from '../pipeline-options.js';
import { expectationFrom } from '../provenance-options.js';
import { runAction, withProgressEnded } from '../run-action.js';

export function verifyCommand(): Command {
  const cmd = new Command('verify')
    .description(
      'verify a candidate against its pin: bytes, dependency closure, package changes, provenance, sandboxed snapshot and manifest diff; changes nothing.\n' +
        'Default candidate: the newest version within policy.updates (else the pinned version again).\n' +
        'With --tarball and --attestations: check provenance fully offline, with no registry and no workspace',
    )
    .argument('<spec>', 'package spec: <pkg>[@<version>]')
    .option(
      '--allow-downgrade',
      'a version below the pinned one is intended: package/downgrade is info instead of high',
    )
    .option('--tarball <file>', 'offline mode: the package tarball (.tgz)')
    .option(
      '--attestations <file>',
      "offline mode (with --tarball): the registry's attestations response, a Sigstore bundle, or JSON Lines of bundles",
    );
  addWorkspaceOptions(cmd);
  addRegistryOptions(cmd);
  addPipelineOptions(cmd);
  addOutputOptions(cmd);
  return cmd.action(
    runAction(async (spec: string, opts: Record<string, unknown>) => {
      const out = outputOptions(opts);
      const { makePorts } = await import('../make-ports.js');
      const { emitReport } = await import('../output.js');
      if (opts['tarball'] !== undefined || opts['attestations'] !== undefined) {
        if (typeof opts['tarball'] !== 'string' || typeof opts['attestations'] !== 'string')
          throw new VetError('USAGE', 'offline verification needs both --tarball FILE and --attestations FILE');
        const expect = expectationFrom(opts);
        const { verifyOffline } = await import('../../workflows/verify-offline.js');
        const ports = await makePorts({ ...portOptions(opts), offline: true });
        const attestations = opts['attestations'];
        const tarball = opts['tarball'];
        const report = await withProgressEnded(ports, () =>
          verifyOffline(ports, { spec, tarball, attestations, failOn: out.failOn, ...(expect ? { expect } : {}) }),
        );
        return emitReport(report, out);
      }
      const { verifyServer } = await import('../../workflows/verify.js');
      const ports = await makePorts(portOptions(opts));
      const report = await withProgressEnded(ports, () =>
        verifyServer(ports, {
          spec,
          failOn: out.failOn,
          ...pipelineOptions(opts),
          allowDowngrade: opts['allowDowngrade'] === true,
        }),
      );
      return emitReport(report, out);
    }),
  );
}
