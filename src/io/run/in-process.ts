import { createRequire } from 'node:module';

export interface InProcessEntry {
  script: string;
  args: string[];
  /** the whole environment the server may see */
  env: Record<string, string>;
}

const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

/**
 * May the server run in this very process? Only when nothing would differ from a start of its own:
 * no Node flags in force here (`execArgv`, `NODE_OPTIONS`), which a separate start with the
 * declared environment would not have, and no signal handler of mcp-vet's that would act before
 * the server's own.
 */
export function canRunInProcess(env: NodeJS.ProcessEnv = process.env): boolean {
  return (
    process.execArgv.length === 0 &&
    !env['NODE_OPTIONS'] &&
    SIGNALS.every((signal) => process.listenerCount(signal) === 0)
  );
}

/**
 * Runs the verified server in this Node process, as `node <script> <args…>` would: the environment
 * reduced to the declared names (unset in the process itself, so the server's children do not get
 * them either), `process.argv` its own, and the script loaded as the main module (CommonJS or ES
 * module, `require.main` and `import.meta` as in a start of its own). Stdin, stdout, signals and
 * the exit code are this process's: nothing stands between the client and the server, and nothing
 * is left running when either ends. Saves a second Node start on every warm start.
 */
export function enterServer(entry: InProcessEntry): void {
  for (const name of Object.keys(process.env)) if (!Object.hasOwn(entry.env, name)) delete process.env[name];
  for (const [name, value] of Object.entries(entry.env)) process.env[name] = value;
  process.argv = [process.execPath, entry.script, ...entry.args];
  const { runMain } = createRequire(import.meta.url)('node:module') as { runMain(main?: string): void };
  runMain(entry.script);
}
