import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

const SERVER = resolve(import.meta.dirname, '..', 'fixtures', 'servers', 'test-server.mjs');
// a server that waits 1.5 s before it answers: its sandboxed start is a step over a second
const snap = (extra: string[]) =>
  runCli(['snapshot', '--no-recheck', ...extra, '--command', process.execPath, '--', SERVER, '--slow-start=1500'], {
    // progress on, as a user's CI log has it (the helper turns it off for the other tests)
    env: { MCP_VET_PROGRESS: undefined },
    timeoutMs: 90_000,
  });

describe('progress on stderr (built binary, stderr not a terminal)', () => {
  it('a step over a second gets one line on stderr, with no time; stdout is the same as with --quiet', async () => {
    const [shown, quiet] = await Promise.all([snap([]), snap(['--quiet'])]);
    expect(shown.code).toBe(0);
    expect(quiet.code).toBe(0);
    const lines = shown.stderr.split('\n').filter((l) => l.startsWith('… '));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^… .*test-server\.mjs --slow-start=1500: sandboxed start \(first start\)$/);
    // nothing but the manifest on stdout, byte for byte the same
    expect(shown.stdout).toBe(quiet.stdout);
    expect(JSON.parse(shown.stdout).serverInfo.name).toBe('test-server');
    expect(shown.stdout).not.toContain('…');
    // no live-line control sequences when stderr is not a terminal
    expect(shown.stderr).not.toContain('\r');
  });

  it('--quiet suppresses it, and so does MCP_VET_PROGRESS=0', async () => {
    const [quiet, off] = await Promise.all([
      snap(['--quiet']),
      runCli(['snapshot', '--no-recheck', '--command', process.execPath, '--', SERVER, '--slow-start=1500'], {
        timeoutMs: 90_000,
      }),
    ]);
    expect(quiet.code).toBe(0);
    expect(off.code).toBe(0);
    expect(quiet.stderr).not.toMatch(/^… /m);
    expect(off.stderr).not.toMatch(/^… /m);
  });
});
