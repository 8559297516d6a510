import { createRequire } from 'node:module';
import { VetError } from '../core/errors.js';
import { createDeadlineAgent } from './net/deadline-agent.js';
import { DEFAULT_DEADLINES, type NetworkDeadlines } from './net/deadlines.js';

const require = createRequire(import.meta.url);

/** The flat options npm itself passes to pacote, arborist and npm-registry-fetch. */
export type NpmOptions = Record<string, unknown> & {
  registry: string;
  cache: string;
  /** mcp-vet's own: the deadlines its network agent enforces, and the stage deadline */
  deadlines?: NetworkDeadlines;
};

export interface NpmConfigInput {
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  /** --registry: overrides every configured default registry (not scoped ones). */
  registry?: string;
  /** --request-timeout, --stage-timeout, --min-rate (defaults: DEFAULT_DEADLINES) */
  deadlines?: NetworkDeadlines;
}

/**
 * Reads npm configuration the way npm does: built-in, global, user and project `.npmrc`,
 * `npm_config_*` environment, with scoped registries and per-registry credentials.
 * Nothing here names a registry host: the default comes from npm's own definitions.
 */
export async function loadNpmConfig(input: NpmConfigInput = {}): Promise<NpmOptions> {
  const Config = require('@npmcli/config') as new (opts: Record<string, unknown>) => NpmConfigInstance;
  const { definitions, shorthands, flatten, nerfDarts } = require('@npmcli/config/lib/definitions') as Record<
    string,
    unknown
  >;
  const env = input.env ?? process.env;
  const conf = new Config({
    npmPath: npmPath(),
    definitions,
    shorthands,
    flatten,
    nerfDarts,
    argv: ['node', 'mcp-vet'],
    env,
    execPath: process.execPath,
    platform: process.platform,
    cwd: input.cwd ?? process.cwd(),
    warn: false,
  });
  try {
    await conf.load();
  } catch (err) {
    throw new VetError('INVALID_FILE', `cannot read npm configuration: ${(err as Error).message}`, { cause: err });
  }
  if (input.registry) {
    try {
      new URL(input.registry);
    } catch (err) {
      throw new VetError('USAGE', `--registry: not a URL: ${input.registry}`, { cause: err });
    }
    conf.set('registry', input.registry, 'cli');
  }
  const flat = { ...conf.flat } as NpmOptions;
  // Retry transient failures with backoff, but faster than npm's defaults unless the user set them.
  const retry = { ...(flat['retry'] as Record<string, number> | undefined) };
  if (conf.isDefault('fetch-retry-factor')) retry['factor'] = 2;
  if (conf.isDefault('fetch-retry-mintimeout')) retry['minTimeout'] = 250;
  if (conf.isDefault('fetch-retry-maxtimeout')) retry['maxTimeout'] = 2_000;
  flat['retry'] = retry;
  // Every request goes through an agent with deadlines (npm's own would wait 5 min, 3 times).
  // minipass-fetch's own timeout stays as a backstop behind the agent's.
  const deadlines = input.deadlines ?? DEFAULT_DEADLINES;
  flat.deadlines = deadlines;
  flat['agent'] = createDeadlineAgent(flat, deadlines);
  flat['timeout'] = deadlines.requestMs + 10_000;
  return flat;
}

interface NpmConfigInstance {
  load(): Promise<void>;
  set(key: string, value: unknown, where: string): void;
  isDefault(key: string): boolean;
  flat: Record<string, unknown>;
}

/** npm's own install, for its builtin npmrc; absent is fine (then there is no builtin config). */
function npmPath(): string {
  try {
    return require.resolve('npm/package.json').replace(/package\.json$/, '');
  } catch {
    return '/nonexistent-npm-path';
  }
}

/** The registry that serves `name`: its scope's registry if configured, else the default. */
export function registryFor(name: string, opts: NpmOptions): string {
  if (name.startsWith('@')) {
    const scope = name.split('/')[0];
    const scoped = opts[`${scope}:registry`];
    if (typeof scoped === 'string' && scoped) return withSlash(scoped);
  }
  return withSlash(opts.registry);
}

function withSlash(url: string): string {
  return url.endsWith('/') ? url : `${url}/`;
}
