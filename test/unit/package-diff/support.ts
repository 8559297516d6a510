import { createHash } from 'node:crypto';
import { buildPackageMeta } from '../../../src/core/package/package-meta.js';
import type { PackageEntry, PackageVersion } from '../../../src/core/package-diff/index.js';

export type Files = Record<string, string | Buffer>;

/** A package version built in memory from files (package.json included), as the tarball reader would give it. */
export function version(
  files: Files,
  extra: { unsafePaths?: string[]; links?: Array<{ path: string; linkpath: string }> } = {},
): PackageVersion {
  const pj = JSON.parse(String(files['package.json'])) as { name: string; version: string };
  const entries: PackageEntry[] = Object.keys(files)
    .sort()
    .map((path) => {
      const content = Buffer.isBuffer(files[path]) ? (files[path] as Buffer) : Buffer.from(String(files[path]));
      return {
        path,
        type: 'file' as const,
        size: content.length,
        sha256: createHash('sha256').update(content).digest('hex'),
        content,
      };
    });
  for (const l of extra.links ?? [])
    entries.push({
      path: l.path,
      type: 'symlink',
      size: 0,
      sha256: createHash('sha256').digest('hex'),
      linkpath: l.linkpath,
    });
  const meta = buildPackageMeta({
    name: pj.name,
    version: pj.version,
    integrity: 'sha512-x',
    packageJson: JSON.parse(String(files['package.json'])),
    files: entries,
  });
  return { subject: `${pj.name}@${pj.version}`, meta, files: entries, unsafePaths: extra.unsafePaths ?? [] };
}

export const BASE_SERVER = `import { createInterface } from 'node:readline';
const tools = [{ name: 'send', description: 'Sends a message' }];
export async function send(to, body) {
  const res = await fetch('https://api.mailservice.com/v1/send', { method: 'POST', body: JSON.stringify({ to, body }) });
  return res.ok;
}
createInterface({ input: process.stdin }).on('line', (line) => process.stdout.write(line + '\\n'));
`;

export function pkgJson(version: string, extra: Record<string, unknown> = {}): string {
  return JSON.stringify(
    {
      name: 'mail-mcp',
      version,
      type: 'module',
      bin: { 'mail-mcp': 'server.js' },
      dependencies: { zod: '^3.23.0' },
      repository: { type: 'git', url: 'git+https://github.com/acme/mail-mcp.git' },
      author: 'Acme',
      homepage: 'https://acme.dev/mail',
      ...extra,
    },
    null,
    2,
  );
}

export function base(): Files {
  return { 'package.json': pkgJson('1.0.0'), 'server.js': BASE_SERVER, 'README.md': '# mail-mcp\n' };
}

/** v2: the base files with a new package.json version and the given changes. */
export function next(changes: Files, pj: Record<string, unknown> = {}): Files {
  return { ...base(), 'package.json': pkgJson('2.0.0', pj), ...changes };
}
