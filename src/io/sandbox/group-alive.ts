import { readdirSync, readFileSync } from 'node:fs';

/**
 * Whether any process of the group led by `pid` still runs. A zombie does not count: it writes
 * nothing, and where PID 1 does not reap orphans (many containers) it would stay forever. On Linux
 * the process table is read (/proc/<pid>/stat: state and process group); elsewhere a signal 0 tells.
 */
export function groupAlive(pid: number): boolean {
  if (process.platform === 'linux') {
    try {
      return readdirSync('/proc').some((entry) => /^\d+$/.test(entry) && runsInGroup(entry, pid));
    } catch {
      // no /proc: ask the kernel below
    }
  }
  try {
    process.kill(-pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function runsInGroup(entry: string, pgid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
    // "pid (comm) state ppid pgrp …"; comm may hold spaces and parentheses
    const [state, , pgrp] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return Number(pgrp) === pgid && state !== 'Z' && state !== 'X';
  } catch {
    return false;
  }
}
