import { chmodSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseVetCommand } from '../../helpers/cli-parse.js';
import { ROOT, expand, readAction, runCompositeAction } from '../../helpers/composite-action.js';
import { vetCommandLines } from '../../helpers/shell-commands.js';
import { readYaml, yaml } from '../../helpers/yaml.js';

interface Step {
  name?: string;
  run?: string;
  uses?: string;
  with?: Record<string, string | number | boolean>;
}
interface Workflow {
  jobs: Record<string, { strategy?: { matrix?: Record<string, unknown[]> }; steps: Step[] }>;
}

const WORKFLOWS = join(ROOT, 'docs', 'workflows');
const workflowFiles = readdirSync(WORKFLOWS)
  .filter((f) => /\.ya?ml$/.test(f))
  .sort();

/** Every assignment of the matrix values a script names (one value per key, every combination). */
function matrixContexts(script: string, matrix: Record<string, unknown[]> = {}): Array<Record<string, unknown>> {
  let contexts: Array<Record<string, unknown>> = [{}];
  for (const [key, values] of Object.entries(matrix))
    if (script.includes(`matrix.${key}`)) contexts = contexts.flatMap((c) => values.map((v) => ({ ...c, [key]: v })));
  return contexts;
}

/** The command line the action (action.yml) runs for a `uses:` step, recorded by a stand-in mcp-vet. */
async function actionCommandLine(step: Step): Promise<string[]> {
  const stub = mkdtempSync(join(tmpdir(), 'mcp-vet-action-stub-'));
  mkdirSync(join(stub, 'bin'));
  writeFileSync(join(stub, 'bin', 'mcp-vet'), `#!/usr/bin/env bash\nprintf '%s\\0' "$@" > "${stub}/argv"\n`);
  chmodSync(join(stub, 'bin', 'mcp-vet'), 0o755);
  const inputs = Object.fromEntries(Object.entries(step.with ?? {}).map(([k, v]) => [k, String(v)]));
  const run = await runCompositeAction(readAction(), {
    inputs,
    workspace: stub,
    runnerTemp: join(stub, 'temp'),
    actionPath: stub,
    path: process.env['PATH'] ?? '',
    skip: (s) => (s.run?.startsWith('npm ci') ? 'installs the action' : undefined),
  });
  expect(run.status, JSON.stringify(run.steps, null, 2)).toBe('success');
  return readFileSync(join(stub, 'argv'), 'utf8').split('\0').slice(0, -1);
}

/** Every mcp-vet command line of a workflow, labelled job/step. */
async function workflowCommands(file: string): Promise<Array<{ where: string; args: string[] }>> {
  const workflow = readYaml<Workflow>(join(WORKFLOWS, file));
  const found: Array<{ where: string; args: string[] }> = [];
  for (const [jobName, job] of Object.entries(workflow.jobs)) {
    for (const [i, step] of job.steps.entries()) {
      const where = `${file}: ${jobName} / ${step.name ?? step.uses ?? `step ${i + 1}`}`;
      if (step.run !== undefined) {
        for (const matrix of matrixContexts(step.run, job.strategy?.matrix)) {
          // the matrix values are filled in; any other value would be a guess, so it may not reach mcp-vet
          const others: string[] = [];
          const script = step.run.replace(/\$\{\{\s*(.*?)\s*\}\}/g, (whole, expr: string) => {
            if (/^matrix\.\w+$/.test(expr)) return expand(whole, { matrix });
            others.push(expr);
            return `__EXPRESSION_${others.length - 1}__`;
          });
          for (const args of vetCommandLines(script)) {
            const unknown = /__EXPRESSION_(\d+)__/.exec(args.join(' '));
            if (unknown) throw new Error(`${where}: cannot evaluate \${{ ${others[Number(unknown[1])]} }}`);
            found.push({ where: `${where} ${JSON.stringify(matrix)}`, args });
          }
        }
      } else if (step.uses && /(^\.\/?$|\/mcp-vet@)/.test(step.uses)) {
        found.push({ where, args: await actionCommandLine(step) });
      }
    }
  }
  return found;
}

describe('the example workflows in docs/workflows run mcp-vet command lines the CLI accepts', () => {
  it('lists the workflows, each linked from the README', () => {
    expect(workflowFiles).toEqual(expect.arrayContaining(['drift-sharded.yml', 'nightly-drift.yml', 'pr-gate.yml']));
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    for (const file of workflowFiles)
      expect(readme.includes(`(docs/workflows/${file})`), `README links docs/workflows/${file}`).toBe(true);
  });

  it.each(workflowFiles)('%s: every mcp-vet command parses with the real program', async (file) => {
    const commands = await workflowCommands(file);
    expect(commands.length, `${file} runs no mcp-vet command`).toBeGreaterThan(0);
    for (const { where, args } of commands) {
      await expect(parseVetCommand(args), `${where}: mcp-vet ${args.join(' ')}`).resolves.toBeDefined();
    }
  });

  it('drift-sharded.yml: four shards with JSON reports, joined into SARIF with a job summary', async () => {
    const commands = (await workflowCommands('drift-sharded.yml')).map((c) => c.args);
    const parsed = await Promise.all(commands.map((args) => parseVetCommand(args)));
    const drift = parsed.filter((p) => p.path.join(' ') === 'drift');
    expect(drift.map((p) => [p.opts['shard'], p.opts['format'], p.opts['output']])).toEqual([
      ['1/4', 'json', 'drift-1.json'],
      ['2/4', 'json', 'drift-2.json'],
      ['3/4', 'json', 'drift-3.json'],
      ['4/4', 'json', 'drift-4.json'],
    ]);
    const merge = parsed.filter((p) => p.path.join(' ') === 'report merge');
    expect(merge).toHaveLength(1);
    expect(merge[0]).toMatchObject({ args: [['drift-*.json']], opts: { format: 'sarif', output: 'drift.sarif' } });
    const workflow = readYaml<Workflow>(join(WORKFLOWS, 'drift-sharded.yml'));
    expect(workflow.jobs['drift']?.strategy?.matrix?.['shard']).toEqual([1, 2, 3, 4]);
    const report = workflow.jobs['report']!;
    const uses = report.steps.map((s) => s.uses?.replace(/@.*/, ''));
    expect(uses).toEqual(expect.arrayContaining(['actions/download-artifact', 'github/codeql-action/upload-sarif']));
    expect(
      report.steps.find((s) => s.uses?.startsWith('github/codeql-action/upload-sarif'))?.with?.['sarif_file'],
    ).toBe('drift.sarif');
    expect(report.steps.some((s) => s.run?.includes('$GITHUB_STEP_SUMMARY'))).toBe(true);
    const uploads = workflow.jobs['drift']!.steps.filter((s) => s.uses?.startsWith('actions/upload-artifact'));
    expect(uploads.map((s) => s.with?.['path'])).toEqual(['drift-${{ matrix.shard }}.json']);
  });

  it('the .pre-commit-hooks.yaml entries parse as well (with a file name where pre-commit passes them)', async () => {
    const hooks = readYaml<Array<{ id: string; entry: string; pass_filenames?: boolean }>>(
      join(ROOT, '.pre-commit-hooks.yaml'),
    );
    for (const hook of hooks) {
      const [args] = vetCommandLines(hook.entry);
      expect(args, hook.id).toBeDefined();
      const files = hook.pass_filenames === false ? [] : ['.mcp.json'];
      await expect(parseVetCommand([...args!, ...files]), hook.id).resolves.toBeDefined();
    }
  });
});

/** The `run:` strings anywhere in a parsed YAML document. */
function runStrings(node: unknown): string[] {
  if (Array.isArray(node)) return node.flatMap(runStrings);
  if (!node || typeof node !== 'object') return [];
  return Object.entries(node).flatMap(([k, v]) => (k === 'run' && typeof v === 'string' ? [v] : runStrings(v)));
}

describe('the README examples run mcp-vet command lines the CLI accepts', () => {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const blocks = [...readme.matchAll(/^```(\w*)\n([\s\S]*?)^```/gm)].map(([, lang, body]) => ({ lang, body: body! }));

  it('every mcp-vet line of the sh and yaml blocks parses', async () => {
    const lines: string[][] = [];
    for (const { lang, body } of blocks) {
      if (lang === 'sh' || lang === 'bash') lines.push(...vetCommandLines(body));
      if (lang === 'yaml')
        for (const run of runStrings(yaml.load(body)))
          // README fragments show a matrix value as an expression; any value of it will do
          lines.push(...vetCommandLines(run.replace(/\$\{\{\s*matrix\.\w+\s*\}\}/g, '1')));
    }
    expect(lines.length).toBeGreaterThan(8);
    for (const args of lines)
      await expect(parseVetCommand(args), `README: mcp-vet ${args.join(' ')}`).resolves.toBeDefined();
  });
});

describe('the checker itself', () => {
  it.each([
    ['an unknown option', 'drift --shrad 1/4'],
    ['an unknown command', 'drfit --shard 1/4'],
    ['a shard out of range', 'drift --shard 5/4'],
    ['an unknown format', 'report merge a.json --format sarf'],
    ['no files to merge', 'report merge --format sarif'],
    ['a command group alone', 'report'],
    ['a missing option value', 'drift --output'],
    ['an excess argument', 'drift nightly'],
  ])('refuses %s', async (_, line) => {
    await expect(parseVetCommand(line.split(' '))).rejects.toThrow();
  });

  it('finds mcp-vet command lines in shell, and only those', () => {
    const script = [
      '# mcp-vet drift in a comment is not run',
      'set +e',
      'npx -y mcp-vet check --offline \\',
      '  --also "sarif=out file.sarif" 2>&1 | tee log',
      'count=$(ls drift-*.json | wc -l); MCP_VET_X=1 mcp-vet report merge drift-*.json --format \'markdown\' >> "$GITHUB_STEP_SUMMARY"',
      'if ! mcp-vet drift --shard 1/2 --output x.json; then echo mcp-vet failed; fi',
      'echo mcp-vet',
    ].join('\n');
    expect(vetCommandLines(script)).toEqual([
      ['check', '--offline', '--also', 'sarif=out file.sarif'],
      ['report', 'merge', 'drift-*.json', '--format', 'markdown'],
      ['drift', '--shard', '1/2', '--output', 'x.json'],
    ]);
  });
});
