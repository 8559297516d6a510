// A throw-away Verdaccio (the devDependency): loopback only, no uplinks (only what is published to
// it exists), its own storage and htpasswd users inside the given directory. Publishing needs a
// token; reading scopes listed in `privateScopes` does too. Shared by the demo, tests and benches.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { packTarball } from './pack-tarball.mjs';

const VERDACCIO_BIN = fileURLToPath(new URL('../../node_modules/verdaccio/bin/verdaccio', import.meta.url));

/** Starts Verdaccio with everything under `dir` (see local-registry.d.mts for what it returns). */
export async function startLocalRegistry(dir, options = {}) {
  if (!existsSync(VERDACCIO_BIN))
    throw new Error('Verdaccio is not installed: run `npm ci` in the mcp-vet checkout first');
  const port = await freePort();
  const url = `http://127.0.0.1:${port}/`;
  const config = join(dir, 'config.yaml');
  const storage = join(dir, 'storage');
  await writeFile(config, verdaccioConfig(dir, options.privateScopes ?? []));
  const child = spawn(process.execPath, [VERDACCIO_BIN, '--config', config, '--listen', `127.0.0.1:${port}`], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { PATH: process.env.PATH, HOME: dir, NODE_ENV: 'production' },
  });
  let output = '';
  child.stdout.on('data', (d) => (output += d));
  child.stderr.on('data', (d) => (output += d));
  const stop = () => stopChild(child);
  try {
    await waitUntilUp(url, child, () => output);
    const token = await createUser(url, options.user ?? 'tester', 'test-password-1');
    return {
      url,
      port,
      storage,
      token,
      stop,
      publish: (files, opts = {}) => publish(url, opts.token ?? token, files, opts),
      tarballPath: (name, version) => join(storage, name, `${name.replace(/^@[^/]+\//, '')}-${version}.tgz`),
    };
  } catch (err) {
    await stop();
    throw err;
  }
}

function verdaccioConfig(dir, privateScopes) {
  return [
    `storage: ${JSON.stringify(join(dir, 'storage'))}`,
    'auth:',
    '  htpasswd:',
    `    file: ${JSON.stringify(join(dir, 'htpasswd'))}`,
    '    max_users: 100',
    'uplinks: {}',
    'packages:',
    ...privateScopes.flatMap((scope) => [
      `  '${scope}/*':`,
      '    access: $authenticated',
      '    publish: $authenticated',
    ]),
    "  '**':",
    '    access: $all',
    '    publish: $authenticated',
    'log: { type: stdout, format: json, level: error }',
    'publish:',
    '  allow_offline: true',
    'web:',
    '  enable: false',
    '',
  ].join('\n');
}

/** Publishes one version (files: path -> content, with package.json) as `npm publish` would: one PUT. */
async function publish(url, token, files, opts) {
  const pkg = JSON.parse(String(files['package.json']));
  const tgz = opts.tarball ?? packTarball(files);
  const tarballName = `${pkg.name.replace(/^@[^/]+\//, '')}-${pkg.version}.tgz`;
  const integrity = `sha512-${createHash('sha512').update(tgz).digest('base64')}`;
  const dist = {
    ...(opts.sha1Only ? {} : { integrity }),
    shasum: createHash('sha1').update(tgz).digest('hex'),
    tarball: `${url}${pkg.name}/-/${tarballName}`,
  };
  const doc = {
    _id: pkg.name,
    name: pkg.name,
    'dist-tags': { [opts.tag ?? 'latest']: pkg.version },
    versions: { [pkg.version]: { ...pkg, _id: `${pkg.name}@${pkg.version}`, dist } },
    _attachments: {
      [tarballName]: { content_type: 'application/octet-stream', data: tgz.toString('base64'), length: tgz.length },
    },
  };
  const res = await fetch(`${url}${pkg.name.replace('/', '%2f')}`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify(doc),
  });
  if (!res.ok) throw new Error(`publishing ${pkg.name}@${pkg.version} failed: ${res.status} ${await res.text()}`);
  return integrity;
}

/** Creates a user the way `npm adduser` does and returns its token. */
async function createUser(url, name, password) {
  const res = await fetch(`${url}-/user/org.couchdb.user:${name}`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name, password, type: 'user', roles: [], date: new Date().toISOString() }),
  });
  const body = await res.json().catch(() => ({}));
  if (!res.ok || !body.token)
    throw new Error(`cannot create a user on the demo registry: ${res.status} ${JSON.stringify(body)}`);
  return body.token;
}

async function waitUntilUp(url, child, output) {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`Verdaccio exited (${child.exitCode}): ${output()}`);
    try {
      if ((await fetch(`${url}-/ping`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`Verdaccio did not start within 30 s: ${output()}`);
}

function stopChild(child) {
  return new Promise((done) => {
    if (child.exitCode !== null || child.signalCode !== null) return done();
    const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
    child.once('exit', () => {
      clearTimeout(timer);
      done();
    });
    child.kill('SIGTERM');
  });
}

export function freePort() {
  return new Promise((done, fail) => {
    const server = createServer();
    server.unref();
    server.on('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => done(port));
    });
  });
}
