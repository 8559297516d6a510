import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const root = new URL('../../', import.meta.url);

/** What commander itself prints for `mcp-vet [command] --help`, loading the whole CLI. */
async function commanderHelp(topic: string): Promise<string> {
  const argv = JSON.stringify(['node', 'mcp-vet', ...(topic ? [topic] : []), '--help']);
  const script = `import(${JSON.stringify(new URL('dist/cli/main.js', root).href)}).then((m) => m.main(${argv}))`;
  return (await run(process.execPath, ['--input-type=module', '-e', script], { env: { PATH: process.env['PATH'] } }))
    .stdout;
}

describe('the help the build renders (served without loading commander)', () => {
  it('is what commander prints, for mcp-vet and for each command, and is what the binary prints', async () => {
    const texts = JSON.parse(await readFile(new URL('dist/help.json', root), 'utf8')) as Record<string, string>;
    expect(Object.keys(texts)).toEqual(expect.arrayContaining(['', 'add', 'verify', 'drift', 'check', 'snapshot']));
    for (const [topic, text] of Object.entries(texts)) {
      expect(await commanderHelp(topic), topic || 'mcp-vet').toBe(text);
      const bin = new URL('bin/mcp-vet', root).pathname;
      const args = topic ? [topic, '--help'] : ['--help'];
      expect((await run(process.execPath, [bin, ...args], { env: { PATH: process.env['PATH'] } })).stdout).toBe(text);
    }
  }, 120_000);
});
