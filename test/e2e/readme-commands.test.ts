import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { haveRealRegistry } from '../helpers/real-registry.js';

const ROOT = join(import.meta.dirname, '..', '..');
const README = readFileSync(join(ROOT, 'README.md'), 'utf8');
/** commands with sub-commands: the option belongs to the sub-command */
const GROUPS = new Set(['cache', 'config', 'report']);
/** names that stand for any package in the README's prose */
const PLACEHOLDERS = new Set(['pkg']);

/** Each `mcp-vet …` of the README (shell blocks and inline code): the command and the options it uses. */
function readmeCommands(): Array<{ command: string[]; options: string[]; line: string }> {
  const shell = [...README.matchAll(/```sh\n([\s\S]*?)```/g)].flatMap((m) => m[1]!.split('\n'));
  const inline = [...README.replace(/```[\s\S]*?```/g, '').matchAll(/`([^`]+)`/g)]
    .map((m) => m[1]!.replace(/\n/g, ' '))
    // `add --updates RANGE` in prose is a command too
    .map((code) =>
      /^(?:init|add|verify|approve|drift|snapshot|diff|check|run) --/.test(code) ? `mcp-vet ${code}` : code,
    );
  const out: Array<{ command: string[]; options: string[]; line: string }> = [];
  for (const line of [...shell, ...inline]) {
    const at = line.search(/\bmcp-vet [a-z]/);
    if (at < 0) continue;
    const words = line
      .slice(at)
      .split(/#|\$\(/)[0]!
      .replace(/[[\]]/g, ' ')
      .split(/\s+/)
      .filter(Boolean)
      .slice(1);
    const command = GROUPS.has(words[0]!) ? words.slice(0, 2) : words.slice(0, 1);
    const end = words.indexOf('--');
    const options = (end < 0 ? words : words.slice(0, end))
      .filter((w) => /^--[a-z]/.test(w))
      .map((w) => w.replace(/[=,;:)].*$/, ''));
    out.push({ command, options, line });
  }
  return out;
}

describe('the README commands exist with the options they use', () => {
  const commands = readmeCommands();

  it('finds the quick start and workflow commands', () => {
    const names = new Set(commands.map((c) => c.command.join(' ')));
    for (const name of ['init', 'add', 'check', 'verify', 'approve', 'drift', 'snapshot', 'diff', 'run'])
      expect(names, name).toContain(name);
  });

  it('every option is in the --help of its command', async () => {
    const help = new Map<string, string>();
    for (const { command, options, line } of commands) {
      const key = command.join(' ');
      if (!help.has(key)) {
        const r = await runCli([...command, '--help'], { env: { COLUMNS: '400' } });
        expect(r.code, `${key} --help (README: ${line})`).toBe(0);
        help.set(key, r.stdout);
      }
      for (const option of options)
        expect(help.get(key)!, `README: ${line}`).toMatch(new RegExp(`(^|\\s)${option}[\\s<,]`, 'm'));
    }
  }, 120_000);
});

const online = await haveRealRegistry();
const run = promisify(execFile);

describe('the README names versions that exist', () => {
  const pinned = [...README.matchAll(/(?<![\w/-])((?:@[a-z0-9-]+\/)?[a-z0-9][\w.-]*)@(\d+\.\d+\.\d+)\b/g)]
    .map((m) => ({ name: m[1]!, version: m[2]! }))
    .filter((p) => !PLACEHOLDERS.has(p.name));

  it('has exact versions to check', () => {
    expect(pinned.length).toBeGreaterThan(0);
  });

  it.skipIf(!online)(
    'every <pkg>@<version> of the README is published',
    async () => {
      for (const name of new Set(pinned.map((p) => p.name))) {
        const { stdout } = await run('npm', ['view', name, 'versions', '--json'], { timeout: 60_000 });
        const versions = JSON.parse(stdout) as string[] | string;
        for (const p of pinned.filter((x) => x.name === name))
          expect([versions].flat(), `${p.name}@${p.version}`).toContain(p.version);
      }
    },
    120_000,
  );
});
