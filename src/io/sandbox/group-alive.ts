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
  const running = runningMembers(pid);
  // no /proc: the kernel's answer stands
  return running === null ? known : running.length > 0;
}

/**
 * The processes of the group led by `pgid` that run (zombies left out), read from /proc on Linux;
 * null where there is no process table to read. `among`: only these pids are read (the members
 * found before, when no new one can join: the group was killed), not the whole table.
 */
export function runningMembers(pgid: number, among?: readonly number[]): number[] | null {
  if (process.platform !== 'linux') return null;
  let pids: string[];
  try {
    pids = among ? among.map(String) : readdirSync('/proc').filter((entry) => /^\d+$/.test(entry));
  } catch {
    return null;
  }
  return pids.filter((entry) => runsInGroup(entry, pgid)).map(Number);
}

/** Whether the kernel still knows a process of the group led by `pid`, zombies included (a signal 0). */
export function groupExists(pid: number): boolean {
  try {
    process.kill(-pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code !== 'ESRCH';
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
