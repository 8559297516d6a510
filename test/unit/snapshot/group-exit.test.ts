import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { groupAlive, waitForGroupExit } from '../../../src/io/sandbox/cleanup.js';
import { killGroup } from '../../../src/io/sandbox/sandboxed-process.js';

describe('waiting for a process group to die before its folders are removed', () => {
  it('a group whose leader has children: alive until killed, then gone', async () => {
    // the leader starts a child in its group, as a server starting a helper does
    const child = spawn('/bin/sh', ['-c', 'sleep 30 & sleep 30'], { detached: true, stdio: 'ignore' });
    await new Promise((done) => child.once('spawn', done));
    const pid = child.pid!;
    expect(groupAlive(pid)).toBe(true);
    killGroup(pid);
    expect(await waitForGroupExit(pid, 5_000)).toBe(true);
    expect(groupAlive(pid)).toBe(false);
  });
});
