import { createHash } from 'node:crypto';
import { createServer as createHttpServer, type ServerResponse } from 'node:http';
import { createServer as createTcpServer, type Server, type Socket } from 'node:net';
import { packTarball, type PackageFiles } from './pack.js';

export interface FaultServer {
  url: string;
  port: number;
  stop(): Promise<void>;
}

/** Accepts every connection and never sends a byte. */
export async function startSilentServer(): Promise<FaultServer> {
  const sockets = new Set<Socket>();
  const server = createTcpServer((socket) => {
    sockets.add(socket);
    socket.on('error', () => undefined);
    socket.on('close', () => sockets.delete(socket));
    socket.resume();
  });
  return listen(server, sockets);
}

export interface DripPackage {
  files: PackageFiles;
  /** how the tarball is served: at once, or one byte every `dripMs` after the headers */
  tarball: 'fast' | 'drip';
}

/**
 * A registry of a few packages whose tarballs can be sent one byte every `dripMs` (headers first).
 * `silentPaths`: packument paths that are accepted and never answered.
 */
export async function startDripRegistry(
  packages: DripPackage[],
  options: { dripMs?: number; silentPaths?: string[] } = {},
): Promise<FaultServer & { requests: string[] }> {
  const sockets = new Set<Socket>();
  const requests: string[] = [];
  const byName = new Map<string, { pkg: Record<string, unknown>; tgz: Buffer; drip: boolean }>();
  for (const p of packages) {
    const pkg = JSON.parse(String(p.files['package.json'])) as Record<string, unknown>;
    byName.set(String(pkg['name']), { pkg, tgz: packTarball(p.files), drip: p.tarball === 'drip' });
  }
  const timers = new Set<NodeJS.Timeout>();
  let base = '';
  const server = createHttpServer((req, res) => {
    const path = decodeURIComponent((req.url ?? '/').split('?')[0]!);
    requests.push(`${req.method} ${path}`);
    if (options.silentPaths?.includes(path)) return;
    const tarball = /^\/(.+)\/-\/[^/]+\.tgz$/.exec(path);
    const entry = byName.get(tarball ? tarball[1]! : path.slice(1));
    if (!entry) return send(res, 404, { error: 'not found' });
    if (tarball) {
      res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': entry.tgz.length });
      if (!entry.drip) return res.end(entry.tgz);
      let offset = 0;
      const timer = setInterval(() => {
        if (offset >= entry.tgz.length || res.destroyed) {
          clearInterval(timer);
          timers.delete(timer);
          return res.end();
        }
        res.write(entry.tgz.subarray(offset, ++offset));
      }, options.dripMs ?? 2000);
      timers.add(timer);
      return;
    }
    const name = String(entry.pkg['name']);
    const version = String(entry.pkg['version']);
    const file = `${name.replace(/^@[^/]+\//, '')}-${version}.tgz`;
    send(res, 200, {
      _id: name,
      name,
      'dist-tags': { latest: version },
      time: { [version]: '2026-01-01T00:00:00.000Z' },
      versions: {
        [version]: {
          ...entry.pkg,
          _id: `${name}@${version}`,
          dist: {
            integrity: `sha512-${createHash('sha512').update(entry.tgz).digest('base64')}`,
            shasum: createHash('sha1').update(entry.tgz).digest('hex'),
            tarball: `${base}${name}/-/${file}`,
          },
        },
      },
    });
  });
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  const running = await listen(server, sockets, () => timers.forEach(clearInterval));
  base = running.url;
  return { ...running, requests };
}

function send(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

function listen(server: Server, sockets: Set<Socket>, onStop?: () => void): Promise<FaultServer> {
  return new Promise((done, fail) => {
    server.on('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      done({
        url: `http://127.0.0.1:${port}/`,
        port,
        stop: () =>
          new Promise<void>((closed) => {
            onStop?.();
            for (const s of sockets) s.destroy();
            server.close(() => closed());
          }),
      });
    });
  });
}
