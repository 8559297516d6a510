/**
 * Reads the output of `strace -f` (one process tree, default formatting) into the attempts that
 * matter: programs executed, sockets connected, bound and listened on, files opened or probed.
 * Everything before the server's own program was executed belongs to the launcher (bubblewrap,
 * unshare, a shell) and is left out; after it, every process of the tree counts.
 */

export interface TracedExec {
  pid: number;
  program: string;
  argv: string[];
  ok: boolean;
}

export interface TracedSocket {
  pid: number;
  fd: number;
  address: string;
  family: 'inet' | 'inet6' | 'unix';
  ok: boolean;
}

export interface TracedFile {
  pid: number;
  path: string;
  /** the path is relative to a folder opened earlier (openat with a descriptor): not resolvable */
  relativeToFd: boolean;
  write: boolean;
  ok: boolean;
}

export interface ParsedTrace {
  /** the server's program was seen being executed */
  launched: boolean;
  execs: TracedExec[];
  connects: TracedSocket[];
  binds: TracedSocket[];
  /** listen() calls with the address their socket was bound to (`null`: never bound, so every interface) */
  listens: Array<{ pid: number; fd: number; address: string | null; ok: boolean }>;
  files: TracedFile[];
}

export interface LaunchMatch {
  /** the program the sandbox runs last (e.g. /usr/bin/node) */
  program: string;
  /** its arguments after argv[0] */
  args: readonly string[];
}

interface Call {
  pid: number;
  name: string;
  args: string;
  ret: number;
}

const LINE = /^(\d+)\s+(.*)$/;
const RESUMED = /^<\.\.\. (\w+) resumed>(.*)$/;
const CALL = /^(\w+)\((.*)\)\s+=\s+(-?\d+|0x[0-9a-f]+|\?)(?:\s.*)?$/s;

export function parseStrace(text: string, launch: LaunchMatch): ParsedTrace {
  const out: ParsedTrace = { launched: false, execs: [], connects: [], binds: [], listens: [], files: [] };
  const pending = new Map<number, string>();
  const launcherPids = new Set<number>();
  let serverPid: number | null = null;
  const bound = new Map<string, string>();
  for (const raw of text.split('\n')) {
    const m = LINE.exec(raw.trimEnd());
    if (!m) continue;
    const pid = Number(m[1]);
    let rest = m[2] ?? '';
    if (rest.endsWith(' <unfinished ...>')) {
      pending.set(pid, rest.slice(0, -' <unfinished ...>'.length));
      continue;
    }
    const resumed = RESUMED.exec(rest);
    if (resumed) {
      const start = pending.get(pid);
      pending.delete(pid);
      if (start === undefined) continue;
      rest = start + (resumed[2] ?? '');
    }
    const c = CALL.exec(rest);
    if (!c) continue;
    const call: Call = { pid, name: c[1] ?? '', args: c[2] ?? '', ret: c[3] === '?' ? -1 : Number(c[3]) };
    if (!out.launched) {
      if (isLaunch(call, launch)) {
        out.launched = true;
        serverPid = pid;
      } else launcherPids.add(pid);
      continue;
    }
    if (launcherPids.has(pid) && pid !== serverPid) continue;
    record(call, out, bound);
  }
  return out;
}

function isLaunch(call: Call, launch: LaunchMatch): boolean {
  if (call.ret !== 0 || (call.name !== 'execve' && call.name !== 'execveat')) return false;
  const exec = readExec(call);
  if (!exec || exec.program !== launch.program) return false;
  const args = exec.argv.slice(1);
  if (args.length !== launch.args.length) return false;
  return args.every((a, i) => {
    const want = launch.args[i] ?? '';
    return a === want || (a.endsWith('\u2026') && want.startsWith(a.slice(0, -1)));
  });
}

function record(call: Call, out: ParsedTrace, bound: Map<string, string>): void {
  const ok = call.ret >= 0;
  switch (call.name) {
    case 'execve':
    case 'execveat': {
      const exec = readExec(call);
      if (exec) out.execs.push({ pid: call.pid, ...exec, ok });
      return;
    }
    case 'connect':
    case 'bind': {
      const fd = Number(/^(\d+)/.exec(call.args)?.[1] ?? -1);
      const addr = readSockaddr(call.args);
      if (!addr) return;
      const socket: TracedSocket = { pid: call.pid, fd, ...addr, ok };
      if (call.name === 'connect') out.connects.push(socket);
      else {
        out.binds.push(socket);
        if (ok) bound.set(String(fd), addr.address);
      }
      return;
    }
    case 'listen': {
      const fd = Number(/^(\d+)/.exec(call.args)?.[1] ?? -1);
      out.listens.push({ pid: call.pid, fd, address: bound.get(String(fd)) ?? null, ok });
      return;
    }
    case 'open':
    case 'openat':
    case 'openat2':
    case 'creat':
    case 'access':
    case 'faccessat':
    case 'faccessat2': {
      const withDir = call.name === 'openat' || call.name === 'openat2' || call.name.startsWith('faccessat');
      const file = readFile(call.args, withDir, call.name === 'creat');
      if (file) out.files.push({ pid: call.pid, ...file, ok });
      return;
    }
    default:
      return;
  }
}

function readExec(call: Call): { program: string; argv: string[] } | null {
  let s = call.args;
  if (call.name === 'execveat') s = s.replace(/^[^,]+,\s*/, '');
  const program = readString(s, 0);
  if (!program) return null;
  const open = s.indexOf('[', program.end);
  if (open < 0) return { program: program.value, argv: [] };
  const argv: string[] = [];
  let i = open + 1;
  while (i < s.length) {
    while (s[i] === ' ' || s[i] === ',') i++;
    if (s[i] !== '"') break;
    const str = readString(s, i);
    if (!str) break;
    argv.push(str.value);
    i = str.end;
  }
  return { program: program.value, argv };
}

function readFile(
  args: string,
  withDir: boolean,
  creat: boolean,
): { path: string; relativeToFd: boolean; write: boolean } | null {
  let dirIsFd = false;
  let s = args;
  if (withDir) {
    const comma = s.indexOf(',');
    if (comma < 0) return null;
    dirIsFd = !s.slice(0, comma).includes('AT_FDCWD');
    s = s.slice(comma + 1).trimStart();
  }
  const path = readString(s, 0);
  if (!path) return null;
  const flags = s.slice(path.end);
  const write = creat || /O_WRONLY|O_RDWR|O_CREAT|O_TRUNC|W_OK/.test(flags);
  return { path: path.value, relativeToFd: dirIsFd && !path.value.startsWith('/'), write };
}

function readSockaddr(args: string): { address: string; family: TracedSocket['family'] } | null {
  const family = /sa_family=(AF_INET6|AF_INET|AF_UNIX|AF_LOCAL)\b/.exec(args)?.[1];
  if (!family) return null;
  if (family === 'AF_UNIX' || family === 'AF_LOCAL') {
    const at = args.indexOf('sun_path=');
    if (at < 0) return { address: 'unix:', family: 'unix' };
    const abstract = args[at + 'sun_path='.length] === '@';
    const str = readString(args, at + 'sun_path='.length + (abstract ? 1 : 0));
    return { address: `unix:${abstract ? '@' : ''}${str?.value ?? ''}`, family: 'unix' };
  }
  const port = /sin6?_port=htons\((\d+)\)/.exec(args)?.[1] ?? '0';
  if (family === 'AF_INET') {
    const ip = /sin_addr=inet_addr\("([^"]*)"\)/.exec(args)?.[1] ?? '?';
    return { address: `${ip}:${port}`, family: 'inet' };
  }
  const ip = /inet_pton\(AF_INET6,\s*"([^"]*)"/.exec(args)?.[1] ?? '?';
  return { address: `[${ip}]:${port}`, family: 'inet6' };
}

/**
 * A C string as strace prints it, starting at the quote at or after `from`: escapes decoded; a
 * string strace cut short (`"…"...`) ends with `…`.
 */
export function readString(s: string, from: number): { value: string; end: number } | null {
  const start = s.indexOf('"', from);
  if (start < 0) return null;
  const bytes: number[] = [];
  let i = start + 1;
  for (; i < s.length; i++) {
    const ch = s[i] as string;
    if (ch === '"') break;
    if (ch !== '\\') {
      for (const b of Buffer.from(ch, 'utf8')) bytes.push(b);
      continue;
    }
    const next = s[i + 1] ?? '';
    const simple: Record<string, number> = { n: 10, t: 9, r: 13, v: 11, f: 12, '"': 34, '\\': 92, a: 7, b: 8 };
    if (next in simple) {
      bytes.push(simple[next] as number);
      i += 1;
    } else if (next === 'x') {
      const hex = /^[0-9a-fA-F]{1,2}/.exec(s.slice(i + 2, i + 4))?.[0] ?? '';
      bytes.push(parseInt(hex || '0', 16));
      i += 1 + hex.length;
    } else if (/[0-7]/.test(next)) {
      const oct = /^[0-7]{1,3}/.exec(s.slice(i + 1, i + 4))?.[0] ?? '0';
      bytes.push(parseInt(oct, 8) & 0xff);
      i += oct.length;
    } else {
      bytes.push(92);
    }
  }
  let value = Buffer.from(bytes).toString('utf8');
  let end = i + 1;
  if (s.startsWith('...', end)) {
    value += '\u2026';
    end += 3;
  }
  return { value, end };
}
