import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { catalogueEntry } from '../../src/core/findings/catalogue/index.js';
import { runCli } from '../helpers/cli.js';

/** What --help says matches what the command does (the built binary; each help is read once). */
describe('--help says what the commands do', () => {
  const help = new Map<string, string>();
  const helpOf = async (...command: string[]) => {
    const key = command.join(' ');
    if (!help.has(key)) {
      const r = await runCli([...command, '--help'], { env: { COLUMNS: '400' } });
      expect(r.code, key).toBe(0);
      help.set(key, r.stdout.replace(/\s+/g, ' '));
    }
    return help.get(key)!;
  };
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'mcp-vet-help-'));
  });
  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('add --min-release-age refuses, and the finding it raises is high (the default --fail-on)', async () => {
    expect(await helpOf('add')).toMatch(/--min-release-age <days> refuse versions published fewer than/);
    expect(catalogueEntry('package/release-too-young').severity).toBe('high');
  });

  it('add speaks of no existing pin: the sandbox mode is recorded, not inherited', async () => {
    const add = await helpOf('add');
    expect(add).not.toContain('the pin was approved with');
    expect(add).not.toContain('its diff');
    expect(add).toContain('recorded in the pin (launch.sandbox)');
    for (const command of ['verify', 'approve', 'drift'])
      expect(await helpOf(command), command).toContain('the pin was approved with');
  });

  it('approve and verify offer --allow-downgrade', async () => {
    for (const command of ['verify', 'approve'])
      expect(await helpOf(command), command).toMatch(/--allow-downgrade a version below the pinned one/);
  });

  it('diff names both kinds of input, and refuses a file against a package spec', async () => {
    const diff = await helpOf('diff');
    expect(diff).toContain('tools/list results');
    expect(diff).toContain('<pkg>@<a> <pkg>@<b>');
    const file = join(dir, 'before.json');
    await writeFile(file, JSON.stringify({ tools: [] }));
    const r = await runCli(['diff', file, 'some-server@1.0.0']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('give two manifest files or two <pkg>@<version>');
  });

  it('snapshot has --format and --output; config rewrite has no --snapshots it would ignore', async () => {
    const snapshot = await helpOf('snapshot');
    expect(snapshot).toContain('--format <format>');
    expect(snapshot).toContain('--output <file>');
    expect(await helpOf('config', 'rewrite')).not.toContain('--snapshots');
  });
});
