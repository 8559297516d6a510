import { execFile } from 'node:child_process';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { haveRealRegistry } from '../helpers/real-registry.js';

const run = promisify(execFile);
const SERVER = '@modelcontextprotocol/server-memory';
const VERSION = '2026.1.26';
const online = await haveRealRegistry(SERVER);

describe.skipIf(!online)(`mcp-vet add ${SERVER}@${VERSION} against the real registry`, () => {
  let ws: string;
  beforeAll(async () => {
    ws = await mkdtemp(join(tmpdir(), 'mcp-vet-real-'));
  });

  it('pins the registry integrity and the same closure as npm install --ignore-scripts', async () => {
    // npm's own answer: the package-lock.json of an install into an empty directory
    const npmDir = await mkdtemp(join(tmpdir(), 'mcp-vet-npm-'));
    await writeFile(join(npmDir, 'package.json'), '{"name":"npm-baseline","version":"0.0.0","private":true}');
    await run('npm', ['install', '--ignore-scripts', '--no-audit', '--no-fund', `${SERVER}@${VERSION}`], {
      cwd: npmDir,
      timeout: 180_000,
    });
    const npmLock = JSON.parse(await readFile(join(npmDir, 'package-lock.json'), 'utf8')) as {
      packages: Record<string, { version?: string; integrity?: string }>;
    };
    const { stdout: integrity } = await run('npm', ['view', `${SERVER}@${VERSION}`, 'dist.integrity'], {
      timeout: 60_000,
    });

    await runCli(['init'], { cwd: ws });
    const added = await runCli(['add', `${SERVER}@${VERSION}`, '--by', 'tests'], {
      cwd: ws,
      env: {},
      timeoutMs: 240_000,
    });
    expect(added.stderr).toContain(`pinned ${SERVER}@${VERSION}`);
    const pin = JSON.parse(
      await readFile(join(ws, 'allowlist', '@modelcontextprotocol', 'server-memory.json'), 'utf8'),
    );
    expect(pin.integrity).toBe(integrity.trim());
    const lock = JSON.parse(
      await readFile(join(ws, 'snapshots', '@modelcontextprotocol', 'server-memory', VERSION, 'lock.json'), 'utf8'),
    ) as {
      packages: Record<string, { version: string; integrity?: string }>;
    };
    const ours = Object.fromEntries(
      Object.entries(lock.packages).map(([path, n]) => [path, `${n.version} ${n.integrity ?? ''}`]),
    );
    const theirs = Object.fromEntries(
      Object.entries(npmLock.packages)
        .filter(([path]) => path !== '')
        .map(([path, n]) => [path, `${n.version} ${n.integrity ?? ''}`]),
    );
    expect(Object.keys(ours).length).toBeGreaterThan(20);
    expect(ours).toEqual(theirs);
    expect(pin.dependencies.count).toBe(Object.keys(theirs).length);
  });
});
