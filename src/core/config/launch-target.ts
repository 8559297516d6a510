import { isVetError } from '../errors.js';
import { parsePackageSpec } from '../spec.js';
import type { ConfiguredServer } from './server.js';

/**
 * What a configured server runs:
 * - npm: a registry package started by a package runner (`npx`, `npm exec`, `pnpm dlx`, `bunx`,
 *   `yarn dlx`); `exact` when the spec names one exact version.
 * - installed: `node node_modules/<pkg>/…` — a package installed in the project, whose version
 *   is the installed one (read by the workflow), not written in the config.
 * - installed-bin: `node_modules/.bin/<bin>` (directly or through node): the package is found by
 *   following the bin link (I/O, in the workflow).
 * - remote: a URL (http, sse, streamable HTTP).
 * - unmanaged: anything else (docker, uvx, python, a local script, a non-registry spec): mcp-vet
 *   cannot verify it; reported as `config/unmanaged-server` (medium: review, not block, by default).
 */
export type LaunchTarget =
  | {
      kind: 'npm';
      name: string;
      spec: string;
      wanted: string;
      exact: boolean;
      runner: string;
      /** started through `mcp-vet run`: the pin decides the version and the bytes at every start */
      enforced?: boolean;
    }
  | { kind: 'installed'; name: string; runner: string; script: string }
  | { kind: 'installed-bin'; bin: string; runner: string; script: string }
  | { kind: 'remote'; url: string }
  | { kind: 'unmanaged'; runner: string; reason: string };

/** Options of each runner that take a value (the value is skipped, or read for --package). */
const VALUE_OPTIONS: Record<string, string[]> = {
  npx: ['-p', '--package', '-c', '--call', '--registry', '--cache', '--userconfig', '-w', '--workspace', '--prefix'],
  npm: ['-p', '--package', '-c', '--call', '--registry', '--cache', '--userconfig', '-w', '--workspace', '--prefix'],
  pnpm: ['--package', '--dir', '-C', '--registry', '--filter', '-F'],
  bunx: ['-p', '--package'],
  yarn: ['-p', '--package', '--cwd'],
};

export function launchTarget(server: Pick<ConfiguredServer, 'command' | 'args' | 'url'>): LaunchTarget {
  if (server.command === undefined) return { kind: 'remote', url: server.url ?? '' };
  let argv =
    server.command.trim().includes(' ') && server.args.length === 0
      ? server.command.trim().split(/\s+/)
      : [server.command, ...server.args];
  // Windows wrappers: `cmd /c npx …`
  if (/^cmd(\.exe)?$/i.test(base(argv[0] ?? '')) && /^\/[ck]$/i.test(argv[1] ?? '')) argv = argv.slice(2);
  const runner = base(argv[0] ?? '');
  const rest = argv.slice(1);
  const enforced = mcpVetRun(argv);
  if (enforced) return enforced;
  switch (runner) {
    case 'npx':
      return fromRunner('npx', rest);
    case 'npm':
      return rest[0] === 'exec' || rest[0] === 'x'
        ? fromRunner('npm exec', rest.slice(1), 'npm')
        : unmanaged('npm', `npm ${rest[0] ?? ''} does not start a registry package`);
    case 'pnpm':
      return rest[0] === 'dlx'
        ? fromRunner('pnpm dlx', rest.slice(1), 'pnpm')
        : rest[0] === 'exec'
          ? fromBinName('pnpm exec', rest[1])
          : unmanaged('pnpm', `pnpm ${rest[0] ?? ''} does not start a registry package`);
    case 'bunx':
      return fromRunner('bunx', rest);
    case 'bun':
      return rest[0] === 'x' ? fromRunner('bun x', rest.slice(1), 'bunx') : fromNode('bun', rest);
    case 'yarn':
      return rest[0] === 'dlx'
        ? fromRunner('yarn dlx', rest.slice(1), 'yarn')
        : unmanaged('yarn', `yarn ${rest[0] ?? ''} does not start a registry package`);
    case 'node':
      return fromNode('node', rest);
    default: {
      const bin = binLink(argv[0] ?? '');
      if (bin) return { kind: 'installed-bin', bin, runner: 'bin', script: argv[0] ?? '' };
      return unmanaged(runner, `${runner} is not a package runner mcp-vet can map to an npm package`);
    }
  }
}

/** Options of `mcp-vet run` that take a value (src/cli/run-options.ts). */
const RUN_VALUE_OPTIONS = ['--allowlist', '--snapshots', '--cache-dir', '--registry', '--allow-read', '--allow-write'];

/**
 * `mcp-vet run <pkg>`, `npx -y mcp-vet[@v] run <pkg>`, `node …/mcp-vet/bin/mcp-vet run <pkg>`:
 * the server is started from its pin, so it is pinned whether or not the config names the version.
 */
function mcpVetRun(argv: string[]): LaunchTarget | null {
  const at = argv.findIndex((a, i) => a === 'run' && i > 0 && isMcpVet(argv[i - 1] as string));
  if (at === -1) return null;
  // mcp-vet must be what runs: the command itself, or what the runner starts (`npx -y mcp-vet`, `pnpm dlx mcp-vet`)
  const between = argv.slice(1, at - 1);
  if (!between.every((a) => a.startsWith('-') || ['dlx', 'exec', 'x'].includes(a))) return null;
  const rest = argv.slice(at + 1);
  let i = 0;
  while (i < rest.length && (rest[i] as string).startsWith('-') && rest[i] !== '--')
    i += RUN_VALUE_OPTIONS.includes(rest[i] as string) ? 2 : 1;
  if (rest[i] === '--') i++;
  const spec = rest[i];
  if (!spec) return unmanaged('mcp-vet run', 'mcp-vet run without a package');
  const target = fromSpec('mcp-vet run', spec);
  if (target.kind !== 'npm') return target;
  return { ...target, exact: target.exact || target.spec === target.name, enforced: true };
}

/** `mcp-vet`, `mcp-vet@0.1.0`, `/usr/bin/mcp-vet`, `node_modules/.bin/mcp-vet`, `…/mcp-vet/bin/mcp-vet` */
function isMcpVet(word: string): boolean {
  return /^mcp-vet(@[\w.+-]+)?$/.test(base(word)) || /(^|[/\\])mcp-vet[/\\]bin[/\\]mcp-vet(\.js)?$/.test(word);
}

/** `npx [options] [--] <spec> [args]`, `--package=<spec> <bin>` */
function fromRunner(runner: string, args: string[], optionsOf = runner): LaunchTarget {
  const takesValue = VALUE_OPTIONS[optionsOf] ?? [];
  let pkg: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const a = args[i] ?? '';
    if (a === '--') {
      pkg ??= args[i + 1];
      break;
    }
    if (a.startsWith('-')) {
      const [flag, inline] = a.includes('=')
        ? [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)]
        : [a, undefined];
      if (flag === '--package' || flag === '-p') pkg ??= inline ?? args[i + 1];
      if (inline === undefined && takesValue.includes(flag)) i++;
      continue;
    }
    pkg ??= a;
    break;
  }
  if (!pkg) return unmanaged(runner, `${runner} without a package`);
  return fromSpec(runner, pkg);
}

function fromSpec(runner: string, spec: string): LaunchTarget {
  try {
    const parsed = parsePackageSpec(spec);
    return { kind: 'npm', name: parsed.name, spec, wanted: parsed.wanted, exact: parsed.kind === 'version', runner };
  } catch (err) {
    // the spec is not echoed when it could be a URL with a token in it
    if (isVetError(err))
      return unmanaged(
        runner,
        /^[\w@./+-]{1,200}$/.test(spec)
          ? `${spec} is not a registry package spec`
          : 'the package is not a registry package spec',
      );
    throw err;
  }
}

/** `node [node options] node_modules/<pkg>/…` or `node node_modules/.bin/<bin>` */
function fromNode(runner: string, args: string[]): LaunchTarget {
  const script = args.find((a) => !a.startsWith('-'));
  if (!script) return unmanaged(runner, `${runner} without a script`);
  const bin = binLink(script);
  if (bin) return { kind: 'installed-bin', bin, runner, script };
  const m = /(?:^|[/\\])node_modules[/\\]((?:@[^/\\]+[/\\])?[^/\\]+)/.exec(script);
  if (m?.[1] && !m[1].startsWith('.'))
    return {
      kind: 'installed',
      name: m[1].replace(/\\/g, '/'),
      runner,
      script: script.slice(0, m.index + m[0].length),
    };
  return unmanaged(runner, `${runner} runs a local script, not a package from node_modules`);
}

function fromBinName(runner: string, bin: string | undefined): LaunchTarget {
  return bin && !bin.startsWith('-')
    ? { kind: 'installed-bin', bin, runner, script: `node_modules/.bin/${bin}` }
    : unmanaged(runner, `${runner} without a command`);
}

/** `./node_modules/.bin/x` -> `x` */
function binLink(path: string): string | undefined {
  const m = /(?:^|[/\\])node_modules[/\\]\.bin[/\\]([^/\\]+)$/.exec(path);
  return m?.[1]?.replace(/\.(cmd|ps1)$/i, '');
}

function unmanaged(runner: string, reason: string): LaunchTarget {
  return { kind: 'unmanaged', runner, reason };
}

/** `/usr/bin/npx.cmd` -> `npx` */
function base(command: string): string {
  return (command.split(/[/\\]/).pop() ?? command).replace(/\.(cmd|exe|bat|ps1)$/i, '').toLowerCase();
}
