import { launchTarget } from './launch-target.js';
import type { ConfiguredServer } from './server.js';

/** One server entry to rewrite: its JSON pointer, the new command and arguments. */
export interface RewriteEdit {
  id: string;
  pointer: string;
  package: string;
  command: string;
  args: string[];
}

/**
 * Which servers of a config start through `mcp-vet run`: every npm-launched server (npx, pnpm dlx,
 * bunx, yarn dlx…) whose package is on the allowlist, not already started by `mcp-vet run`. The
 * arguments after the package spec are kept; runner options are dropped (the pin decides).
 * `runOptions` go before the package (`--allowlist DIR` for a config outside the project). Pure.
 */
export function planRewrite(
  servers: readonly ConfiguredServer[],
  pinned: (name: string) => boolean,
  runOptions: readonly string[] = [],
): RewriteEdit[] {
  const edits: RewriteEdit[] = [];
  for (const server of servers) {
    if (server.command === undefined || server.type === 'local') continue;
    const target = launchTarget(server);
    if (target.kind !== 'npm' || target.enforced || !pinned(target.name)) continue;
    const argv = [server.command, ...server.args];
    const at = argv.lastIndexOf(target.spec);
    const rest = at === -1 ? [] : argv.slice(at + 1);
    edits.push({
      id: server.id,
      pointer: server.pointer,
      package: target.name,
      command: 'npx',
      args: [
        '-y',
        'mcp-vet',
        'run',
        ...runOptions,
        target.exact ? target.spec : target.name,
        ...(rest.length > 0 ? ['--', ...rest] : []),
      ],
    });
  }
  return edits;
}

/** `/a/b~1c` -> `['a', 'b/c']` */
export function pointerParts(pointer: string): string[] {
  return pointer
    .split('/')
    .slice(1)
    .map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
}
