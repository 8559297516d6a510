import { Command } from 'commander';
import { addWorkspaceOptions, type WorkspaceOptions } from '../common-options.js';
import { runAction } from '../run-action.js';

export function initCommand(): Command {
  const cmd = new Command('init').description('create the allowlist/ and snapshots/ folders');
  addWorkspaceOptions(cmd);
  return cmd.action(
    runAction(async (opts: WorkspaceOptions) => {
      const { Workspace } = await import('../../io/workspace.js');
      const { note } = await import('../output.js');
      const workspace = Workspace.at(opts);
      const created = await workspace.init();
      for (const dir of [workspace.dirs.allowlist, workspace.dirs.snapshots]) {
        note(`${created.includes(dir) ? 'created' : 'exists '} ${workspace.display(dir)}`);
      }
      note('next: mcp-vet add <pkg>[@<version>] pins a server (verified, locked and snapshotted)');
      return 0;
    }),
  );
}
