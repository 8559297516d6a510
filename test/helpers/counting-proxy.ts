import { createServer, request, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface CountingProxy {
  /** the proxy's registry URL (loopback), to give npm instead of the registry's */
  url: string;
  /** every request seen, as `METHOD /path`, in order */
  requests: string[];
  /** how many times `METHOD /path` was asked */
  count(method: string, path: string): number;
  reset(): void;
  stop(): Promise<void>;
}

/**
 * A loopback HTTP proxy in front of a local registry that records every request. The Host header
 * is the proxy's, so the registry writes the proxy's address into the tarball URLs it serves and
 * every download passes through here too.
 */
export async function startCountingProxy(target: string): Promise<CountingProxy> {
  const upstream = new URL(target);
  const requests: string[] = [];
  const server: Server = createServer((req, res) => {
    requests.push(`${req.method ?? 'GET'} ${req.url ?? '/'}`);
    const out = request(
      {
        host: upstream.hostname,
        port: upstream.port,
        method: req.method,
        path: req.url,
        headers: req.headers,
      },
      (answer: IncomingMessage) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    out.on('error', () => {
      if (!res.headersSent) res.writeHead(502);
      res.end();
    });
    req.pipe(out);
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    requests,
    count: (method, path) => requests.filter((r) => r === `${method} ${path}`).length,
    reset: () => void requests.splice(0),
    stop: () =>
      new Promise((done) => {
        server.closeAllConnections();
        server.close(() => done());
      }),
  };
}
