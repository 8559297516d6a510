import { readdirSync, readFileSync } from 'node:fs';

/** Sandbox launchers that start the server as their descendant and do not pass signals on. */
const WRAPPERS = new Set(['bwrap', 'unshare']);

/**
 * The processes a signal meant for the server goes to: the started process itself, or, when that
 * is a sandbox launcher (bubblewrap, unshare), its first descendants that are not launchers, so a
 * SIGTERM reaches the server (which decides what to do with it) instead of ending the launcher
 * around it. Empty when the launcher has not started the server yet, or without /proc.
 */
export function signalTargets(pid: number): number[] {
  if (!WRAPPERS.has(comm(pid) ?? '')) return [pid];
  const children = childrenByParent();
  const targets: number[] = [];
  const walk = (parent: number, depth: number) => {
    for (const child of children.get(parent) ?? []) {
      if (depth < 4 && WRAPPERS.has(comm(child) ?? '')) walk(child, depth + 1);
      else targets.push(child);
    }
  };
  walk(pid, 0);
  return targets;
}

function comm(pid: number): string | null {
  try {
    return readFileSync(`/proc/${pid}/comm`, 'utf8').trim();
  } catch {
    return null;
  }
}

function childrenByParent(): Map<number, number[]> {
  const map = new Map<number, number[]>();
  let names: string[];
  try {
    names = readdirSync('/proc');
  } catch {
    return map;
  }
  for (const name of names) {
    if (!/^\d+$/.test(name)) continue;
    let stat: string;
    try {
      stat = readFileSync(`/proc/${name}/stat`, 'utf8');
    } catch {
      continue;
    }
    // pid (comm) state ppid …: comm may hold spaces and parentheses, so read after the last ')'
    const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
    const list = map.get(ppid) ?? [];
    list.push(Number(name));
    map.set(ppid, list);
  }
  return map;
}
