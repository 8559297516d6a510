import { Command } from 'commander';
import { verifyServer } from '../../workflows/verify.js';
import { addOutputOptions, addRegistryOptions, addWorkspaceOptions, outputOptions } from '../common-options.js';
import { makeServices, makeWorkspace } from '../make-services.js';
import { emitReport } from '../output.js';
import { runAction } from '../run-action.js';

export function verifyCommand(): Command {
  const cmd = new Command('verify')
    .description('verify a version against its pin (default: the pinned version); changes nothing')
    .argument('<spec>', 'package spec: <pkg>[@<version>]')
    .option('--allow-sha1', 'accept a package that only has a SHA-1 integrity');
  addWorkspaceOptions(cmd);
  addRegistryOptions(cmd);
  addOutputOptions(cmd);
  return cmd.action(
    runAction(async (spec: string, opts: Record<string, unknown>) => {
      const out = outputOptions(opts);
      const services = await makeServices(opts);
      const report = await verifyServer(services, makeWorkspace(opts), { spec, allowSha1: opts['allowSha1'] === true, failOn: out.failOn });
      return emitReport(report, out);
    }),
  );
}
