/**
 * The reaper: started by mcp-vet (see cleanup.ts) in its own session. Its stdin lists what mcp-vet
 * holds (`+pgid N`, `-pgid N`, `+dir PATH`, `-dir PATH`); when stdin closes, mcp-vet has ended, and
 * whatever is still listed is killed (process groups, SIGKILL) or removed (folders). It holds no
 * other state and touches nothing it was not told about.
 */
import { rmSync } from 'node:fs';
import { isAbsolute } from 'node:path';
import { groupAlive as alive } from './group-alive.js';

const groups = new Set<number>();
const dirs = new Set<string>();
let pending = '';

for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, () => undefined);

process.stdin.setEncoding('utf8');
process.stdin.on('data', (chunk: string) => {
  pending += chunk;
  let nl: number;
  while ((nl = pending.indexOf('\n')) !== -1) {
    apply(pending.slice(0, nl));
    pending = pending.slice(nl + 1);
  }
});
process.stdin.on('end', finish);
process.stdin.on('error', finish);

function apply(line: string): void {
  const m = /^([+-])(pgid|dir) (.+)$/.exec(line);
  if (!m) return;
  const [, op, kind, value = ''] = m;
  if (kind === 'pgid') {
    const pid = Number(value);
    if (!Number.isInteger(pid) || pid <= 1) return;
    if (op === '+') groups.add(pid);
    else groups.delete(pid);
  } else if (isAbsolute(value)) {
    if (op === '+') dirs.add(value);
    else dirs.delete(value);
  }
}

function finish(): void {
  for (const pid of groups) {
    try {
      process.kill(-pid, 'SIGKILL');
    } catch {
      // gone already
    }
  }
  // the folders are removed once the groups have gone (up to 2 s), so no server writes into them any more
  const until = Date.now() + 2_000;
  const pause = new Int32Array(new SharedArrayBuffer(4));
  let wait = 10;
  while ([...groups].some(alive) && Date.now() < until) {
    Atomics.wait(pause, 0, 0, wait);
    wait = Math.min(wait * 2, 200);
  }
  for (const dir of dirs) {
    try {
      rmSync(dir, { recursive: true, force: true, maxRetries: 8, retryDelay: 60 });
    } catch {
      // nothing more to do
    }
  }
  process.exit(0);
}
