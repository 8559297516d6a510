import { spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { packTarball, type PackageFiles } from './pack.js';

const VERDACCIO_BIN = resolve(import.meta.dirname, '..', '..', 'node_modules', 'verdaccio', 'bin', 'verdaccio');

export interface LocalRegistry {
  url: string;
  port: number;
  storage: string;
  /** the temp dir that holds everything (config, storage, npmrc files) */
  root: string;
  token: string;
  /** Publishes a package version (files: path -> content; package.json is required). */
  publish(files: PackageFiles, options?: { tag?: string; token?: string; sha1Only?: boolean }): Promise<void>;
  /** Path of a published tarball in the storage (for tampering tests). */
  tarballPath(name: string, version: string): string;
  /** Writes an .npmrc in a new dir with the registry and token and returns the env for runCli. */
  npmEnv(extra?: string): Promise<NodeJS.ProcessEnv>;
  stop(): Promise<void>;
}

/**
 * Starts a real Verdaccio on a free loopback port with its own storage in a temp dir. No uplinks:
 * only what the tests publish exists. Reading `@private/*` and every publish need authentication.
 */
export async function startRegistry(): Promise<LocalRegistry> {
  const root = await mkdtemp(join(tmpdir(), 'mcp-vet-registry-'));
  const storage = join(root, 'storage');
  const port = await freePort();
  const url = `http://127.0.0.1:${port}/`;
  await writeFile(
    join(root, 'config.yaml'),
    [
      `storage: ${storage}`,
      'auth:',
      '  htpasswd:',
      `    file: ${join(root, 'htpasswd')}`,
      '    max_users: 100',
      'uplinks: {}',
      'packages:',
      "  '@private/*':",
      '    access: $authenticated',
      '    publish: $authenticated',
      "  '**':",
      '    access: $all',
      '    publish: $authenticated',
      'log: { type: stdout, format: json, level: error }',
      'publish:',
      '  allow_offline: true',
      'web:',
      '  enable: false',
      '',
    ].join('\n'),
  );
  const child = spawn(process.execPath, [VERDACCIO_BIN, '--config', join(root, 'config.yaml'), '--listen', `127.0.0.1:${port}`], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { PATH: process.env['PATH'], HOME: root, NODE_ENV: 'production' },
  });
  let output = '';
  child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  try {
    await waitUntilUp(url, child, () => output);
  } catch (err) {
    child.kill('SIGKILL');
    throw err;
  }
  const token = await createUser(url, 'tester', 'test-password-1');
  const registry: LocalRegistry = {
    url,
    port,
    storage,
    root,
    token,
    publish: (files, options = {}) => publish(url, options.token ?? token, files, options.tag ?? 'latest', options.sha1Only === true),
    tarballPath: (name, version) => join(storage, name, `${name.replace(/^@[^/]+\//, '')}-${version}.tgz`),
    npmEnv: async (extra = '') => {
      const dir = await mkdtemp(join(root, 'npmrc-'));
      const host = `//127.0.0.1:${port}/`;
      await writeFile(join(dir, '.npmrc'), `registry=${url}\n${host}:_authToken=${token}\n${extra}\n`);
      return { npm_config_userconfig: join(dir, '.npmrc'), npm_config_cache: join(dir, 'cache'), npm_config_globalconfig: join(dir, 'global-npmrc') };
    },
    stop: async () => {
      await stopChild(child);
      await rm(root, { recursive: true, force: true });
    },
  };
  return registry;
}

async function publish(url: string, token: string, files: PackageFiles, tag: string, sha1Only: boolean): Promise<void> {
  const pkg = JSON.parse(String(files['package.json'])) as { name: string; version: string; [k: string]: unknown };
  const tgz = await packTarball(files);
  const base = pkg.name.replace(/^@[^/]+\//, '');
  const tarballName = `${base}-${pkg.version}.tgz`;
  const integrity = `sha512-${createHash('sha512').update(tgz).digest('base64')}`;
  const shasum = createHash('sha1').update(tgz).digest('hex');
  const doc = {
    _id: pkg.name,
    name: pkg.name,
    'dist-tags': { [tag]: pkg.version },
    versions: {
      [pkg.version]: { ...pkg, _id: `${pkg.name}@${pkg.version}`, dist: { ...(sha1Only ? {} : { integrity }), shasum, tarball: `${url}${pkg.name}/-/${tarballName}` } },
    },
    _attachments: { [tarballName]: { content_type: 'application/octet-stream', data: tgz.toString('base64'), length: tgz.length } },
  };
  const res = await fetch(`${url}${pkg.name.replace('/', '%2f')}`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify(doc),
  });
  if (!res.ok) throw new Error(`publish ${pkg.name}@${pkg.version} failed: ${res.status} ${await res.text()}`);
}

async function createUser(url: string, name: string, password: string): Promise<string> {
  const res = await fetch(`${url}-/user/org.couchdb.user:${name}`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name, password, type: 'user', roles: [], date: new Date().toISOString() }),
  });
  const body = (await res.json()) as { token?: string };
  if (!res.ok || !body.token) throw new Error(`cannot create registry user: ${res.status} ${JSON.stringify(body)}`);
  return body.token;
}

async function waitUntilUp(url: string, child: ChildProcess, output: () => string): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`verdaccio exited (${child.exitCode}): ${output()}`);
    try {
      const res = await fetch(`${url}-/ping`);
      if (res.ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`verdaccio did not start within 30 s: ${output()}`);
}

function stopChild(child: ChildProcess): Promise<void> {
  return new Promise((done) => {
    if (child.exitCode !== null) return done();
    const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
    child.once('exit', () => {
      clearTimeout(timer);
      done();
    });
    child.kill('SIGTERM');
  });
}

export function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', fail);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => done(port));
    });
  });
}
