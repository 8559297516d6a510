import { spawn } from 'node:child_process';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { readYaml } from './yaml.js';

export const ROOT = resolve(import.meta.dirname, '..', '..');

export interface ActionStep {
  name?: string;
  id?: string;
  if?: string;
  run?: string;
  uses?: string;
  shell?: string;
  env?: Record<string, string>;
  'working-directory'?: string;
}

export interface ActionDefinition {
  name: string;
  inputs: Record<string, { description?: string; required?: boolean; default?: string }>;
  outputs: Record<string, { description?: string; value: string }>;
  runs: { using: string; steps: ActionStep[] };
}

/** action.yml of this repository. */
export function readAction(): ActionDefinition {
  return readYaml<ActionDefinition>(join(ROOT, 'action.yml'));
}

/** What `${{ … }}` can name: a tree of values looked up by dotted path. */
export type Context = Record<string, unknown>;

/**
 * Replaces each `${{ path }}` by the value at that dotted path of the context (a missing value is
 * the empty string, as on a runner). Only plain paths are supported; any other expression
 * (a function call, an operator) throws, so a test never silently runs an unevaluated step.
 */
export function expand(text: string, context: Context): string {
  return text.replace(/\$\{\{\s*(.*?)\s*\}\}/g, (_, expr: string) => {
    if (!/^[A-Za-z_][\w-]*(\.[\w-]+)*$/.test(expr)) throw new Error(`unsupported expression: \${{ ${expr} }}`);
    let value: unknown = context;
    for (const key of expr.split('.'))
      value = value && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined;
    return value === undefined || value === null ? '' : String(value);
  });
}

/** The inputs of the action with their defaults, overridden by `given` (unknown inputs throw). */
export function actionInputs(action: ActionDefinition, given: Record<string, string>): Record<string, string> {
  for (const name of Object.keys(given))
    if (!(name in action.inputs)) throw new Error(`action.yml has no input "${name}"`);
  const inputs: Record<string, string> = {};
  for (const [name, spec] of Object.entries(action.inputs)) {
    const value = given[name] ?? spec.default ?? '';
    if (spec.required && value === '') throw new Error(`input "${name}" is required`);
    inputs[name] = value;
  }
  return inputs;
}

/** Parses a GITHUB_OUTPUT file: `name=value` lines and `name<<DELIMITER` … `DELIMITER` blocks. */
export function parseOutputFile(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (line === '') continue;
    const heredoc = /^([^=<]+)<<(.+)$/.exec(line);
    if (heredoc) {
      const body: string[] = [];
      for (i++; i < lines.length && lines[i] !== heredoc[2]; i++) body.push(lines[i]!);
      if (i >= lines.length) throw new Error(`GITHUB_OUTPUT: ${heredoc[1]} has no closing ${heredoc[2]}`);
      out[heredoc[1]!] = body.join('\n');
      continue;
    }
    const eq = line.indexOf('=');
    if (eq <= 0) throw new Error(`GITHUB_OUTPUT: not name=value: ${line}`);
    out[line.slice(0, eq)] = line.slice(eq + 1);
  }
  return out;
}

export interface StepResult {
  name: string;
  id?: string;
  status: 'success' | 'failure' | 'skipped';
  code: number | null;
  stdout: string;
  stderr: string;
  outputs: Record<string, string>;
}

export interface ActionRun {
  steps: StepResult[];
  /** the action's outputs, evaluated from the steps' outputs as the runner does */
  outputs: Record<string, string>;
  /** the job summary: every step's GITHUB_STEP_SUMMARY, in order */
  summary: string;
  /** failure when a step failed (the action fails) */
  status: 'success' | 'failure';
}

export interface RunOptions {
  inputs: Record<string, string>;
  /** GITHUB_WORKSPACE: the checked-out repository */
  workspace: string;
  /** a folder for RUNNER_TEMP and the per-step GITHUB_* files */
  runnerTemp: string;
  /** github.action_path (default: this checkout) */
  actionPath?: string;
  /** PATH for the steps */
  path: string;
  /** more environment for every step (e.g. npm config) */
  env?: NodeJS.ProcessEnv;
  /** steps not to run, with the reason (e.g. the install step: this checkout is already built) */
  skip?: (step: ActionStep) => string | undefined;
}

/**
 * Runs the `run:` steps of a composite action as a GitHub runner does: each step's `${{ }}`
 * expressions expanded, in `bash --noprofile --norc -eo pipefail` (the runner's bash), with fresh
 * GITHUB_OUTPUT and GITHUB_STEP_SUMMARY files per step, GITHUB_WORKSPACE, RUNNER_TEMP,
 * GITHUB_ACTION_PATH, GITHUB_ENV and GITHUB_PATH set, the step's env and working directory;
 * after a failing step only `if: always()` or `if: failure()` steps run.
 */
export async function runCompositeAction(action: ActionDefinition, options: RunOptions): Promise<ActionRun> {
  if (action.runs.using !== 'composite') throw new Error(`not a composite action: ${action.runs.using}`);
  const actionPath = options.actionPath ?? ROOT;
  const inputs = actionInputs(action, options.inputs);
  const steps: Record<string, { outputs: Record<string, string>; outcome: string }> = {};
  const context = (): Context => ({
    inputs,
    steps,
    github: { action_path: actionPath, workspace: options.workspace },
    runner: { temp: options.runnerTemp, os: 'Linux' },
  });
  const results: StepResult[] = [];
  const summaries: string[] = [];
  let failed = false;
  for (const [index, step] of action.runs.steps.entries()) {
    const name = expand(step.name ?? step.run ?? step.uses ?? `step ${index + 1}`, context());
    const condition = (step.if ?? 'success()').replace(/^\$\{\{\s*|\s*\}\}$/g, '').trim();
    if (!['success()', 'always()', 'failure()'].includes(condition))
      throw new Error(`${name}: unsupported if: ${step.if}`);
    const runs = condition === 'always()' || (condition === 'failure()') === failed;
    const reason = options.skip?.(step);
    if (!runs || reason !== undefined) {
      results.push({ name, status: 'skipped', code: null, stdout: reason ?? '', stderr: '', outputs: {} });
      continue;
    }
    if (step.run === undefined) throw new Error(`${name}: only run: steps can be run locally (uses: ${step.uses})`);
    if (step.shell !== 'bash') throw new Error(`${name}: composite run steps need shell: bash here, got ${step.shell}`);
    const files = join(options.runnerTemp, '_runner_file_commands', String(index));
    await mkdir(files, { recursive: true });
    const file = (n: string) => join(files, n);
    for (const n of ['output', 'summary', 'env', 'path']) await writeFile(file(n), '');
    const env: NodeJS.ProcessEnv = {
      PATH: options.path,
      HOME: options.runnerTemp,
      CI: 'true',
      GITHUB_ACTIONS: 'true',
      GITHUB_WORKSPACE: options.workspace,
      GITHUB_ACTION_PATH: actionPath,
      RUNNER_TEMP: options.runnerTemp,
      RUNNER_OS: 'Linux',
      GITHUB_OUTPUT: file('output'),
      GITHUB_STEP_SUMMARY: file('summary'),
      GITHUB_ENV: file('env'),
      GITHUB_PATH: file('path'),
      NO_COLOR: '1',
      ...options.env,
    };
    for (const [k, v] of Object.entries(step.env ?? {})) env[k] = expand(String(v), context());
    const cwd = resolve(options.workspace, expand(step['working-directory'] ?? '.', context()));
    const script = join(files, 'script.sh');
    await writeFile(script, expand(step.run, context()));
    const { code, stdout, stderr } = await bash(script, cwd, env);
    const outputs = parseOutputFile(await readFile(file('output'), 'utf8'));
    summaries.push(await readFile(file('summary'), 'utf8'));
    const status = code === 0 ? 'success' : 'failure';
    if (status === 'failure') failed = true;
    if (step.id) steps[step.id] = { outputs, outcome: status };
    results.push({ name, ...(step.id ? { id: step.id } : {}), status, code, stdout, stderr, outputs });
  }
  const outputs: Record<string, string> = {};
  for (const [n, spec] of Object.entries(action.outputs ?? {})) outputs[n] = expand(spec.value, context());
  return { steps: results, outputs, summary: summaries.join(''), status: failed ? 'failure' : 'success' };
}

function bash(
  script: string,
  cwd: string,
  env: NodeJS.ProcessEnv,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((done, fail) => {
    const child = spawn('bash', ['--noprofile', '--norc', '-eo', 'pipefail', script], { cwd, env });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 120_000);
    child.on('error', fail);
    child.on('close', (code) => {
      clearTimeout(timer);
      done({ code, stdout, stderr });
    });
  });
}
