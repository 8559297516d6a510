import { readdirSync, readFileSync } from 'node:fs';

/**
 * Whether any process of the group led by `pid` still runs. A zombie does not count: it writes
 * nothing, and where PID 1 does not reap orphans (many containers) it would stay forever. A signal 0
 * first: a group with no process at all (the usual answer once a start is stopped) costs one system
 * call. Only when the kernel still knows the group is the process table read, on Linux
 * (/proc/<pid>/stat: state and process group), to tell running members from zombies.
 */
export function groupAlive(pid: number): boolean {
  let known = true;
  try {
    process.kill(-pid, 0);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ESRCH') return false;
    known = (err as NodeJS.ErrnoException).code === 'EPERM';
  }
  if (process.platform !== 'linux') return known;
  try {
    return readdirSync('/proc').some((entry) => /^\d+$/.test(entry) && runsInGroup(entry, pid));
  } catch {
    // no /proc: the kernel's answer stands
    return known;
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
