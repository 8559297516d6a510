import { createHash } from 'node:crypto';
import { VetError } from '../core/errors.js';
import { lazyRequire } from './lazy-require.js';

const tar = lazyRequire<{ Parser: new (opts: Record<string, unknown>) => TarParser }>('tar');

interface TarEntry {
  path: string;
  type: string;
  size: number;
  mode?: number;
  linkpath?: string;
  on(event: 'data', cb: (chunk: Buffer) => void): void;
  on(event: 'end', cb: () => void): void;
  resume(): void;
}
const FEED_BYTES = 16 * 1024;

interface TarParser {
  write(data: Buffer): boolean;
  end(data?: Buffer): void;
  abort(err: Error): void;
  on(event: 'entry', cb: (entry: TarEntry) => void): void;
  on(event: 'error' | 'warn', cb: (code: string, err?: unknown) => void): void;
  on(event: 'close' | 'end', cb: () => void): void;
}

export interface TarballFile {
  /** path inside the package, without the leading `package/` */
  path: string;
  type: 'file' | 'symlink' | 'link' | 'directory' | 'other';
  size: number;
  sha256: string;
  mode?: number;
  linkpath?: string;
  /** content, when `keepContent` asked for it */
  content?: Buffer;
}

export interface TarballLimits {
  maxEntries: number;
  maxFileBytes: number;
  maxTotalBytes: number;
}

export const DEFAULT_TARBALL_LIMITS: TarballLimits = {
  maxEntries: 50_000,
  maxFileBytes: 256 * 1024 * 1024,
  maxTotalBytes: 512 * 1024 * 1024,
};

export interface TarballContents {
  files: TarballFile[];
  /** Entries refused: absolute paths, `..` segments. They are never read further. */
  unsafePaths: string[];
  packageJson: Record<string, unknown> | null;
}

/**
 * Reads a package tarball in memory, streaming: every entry is hashed, nothing touches the disk.
 * Bounded by entry count and unpacked size, so a tar or gzip bomb ends in a clear error.
 */
export function readTarball(
  data: Buffer,
  what: string,
  options: { keepContent?: (path: string, size: number) => boolean; limits?: Partial<TarballLimits> } = {},
): Promise<TarballContents> {
  const limits = { ...DEFAULT_TARBALL_LIMITS, ...options.limits };
  return new Promise((resolve, reject) => {
    const files: TarballFile[] = [];
    const unsafePaths: string[] = [];
    let packageJson: Buffer | null = null;
    let total = 0;
    let failed = false;
    const fail = (message: string, cause?: unknown) => {
      if (failed) return;
      failed = true;
      reject(new VetError('INVALID_FILE', `${what}: ${message}`, { cause, details: { package: what } }));
    };
    const parser = new (tar().Parser)({ strict: true });
    parser.on('entry', (entry) => {
      if (failed) return entry.resume();
      if (files.length + unsafePaths.length >= limits.maxEntries) {
        fail(`tarball has more than ${limits.maxEntries} entries`);
        return entry.resume();
      }
      const path = stripPackageDir(entry.path);
      // the package root itself (`package/`, or `node/` as DefinitelyTyped names it): npm strips it
      if (path === '') return entry.resume();
      if (path === null) {
        unsafePaths.push(entry.path);
        return entry.resume();
      }
      const type = entryType(entry.type);
      if (entry.size > limits.maxFileBytes) {
        fail(`tarball entry ${path} is ${entry.size} bytes, over the limit of ${limits.maxFileBytes}`);
        return entry.resume();
      }
      const hash = createHash('sha256');
      const keep = type === 'file' && (path === 'package.json' || options.keepContent?.(path, entry.size) === true);
      const chunks: Buffer[] = [];
      let size = 0;
      entry.on('data', (chunk: Buffer) => {
        if (failed) return;
        size += chunk.length;
        total += chunk.length;
        if (total > limits.maxTotalBytes) return fail(`tarball unpacks to more than ${limits.maxTotalBytes} bytes`);
        hash.update(chunk);
        if (keep) chunks.push(chunk);
      });
      entry.on('end', () => {
        if (failed) return;
        const file: TarballFile = { path, type, size, sha256: hash.digest('hex') };
        if (entry.mode !== undefined) file.mode = entry.mode & 0o777;
        if (entry.linkpath) file.linkpath = entry.linkpath;
        if (keep) {
          const content = Buffer.concat(chunks);
          if (path === 'package.json') packageJson = content;
          if (path !== 'package.json' || options.keepContent?.(path, size)) file.content = content;
        }
        files.push(file);
      });
    });
    parser.on('warn', (code, err) => {
      if (code === 'TAR_ENTRY_INVALID' || code === 'TAR_BAD_ARCHIVE' || code === 'TAR_ENTRY_ERROR')
        fail(`invalid tarball (${code})`, err);
    });
    parser.on('error', (code, err) => fail(`invalid tarball (${String(code)})`, err));
    parser.on('close', () => {
      if (failed) return;
      files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
      let pkg: Record<string, unknown> | null = null;
      if (packageJson) {
        try {
          const parsed: unknown = JSON.parse((packageJson as Buffer).toString('utf8'));
          if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) pkg = parsed as Record<string, unknown>;
        } catch (err) {
          return fail('package.json is not valid JSON', err);
        }
      }
      resolve({ files, unsafePaths, packageJson: pkg });
    });
    try {
      // Feed the archive in slices so that a failure (a bomb, a size limit) stops the decompression
      // instead of letting it run through the whole input.
      for (let offset = 0; offset < data.length && !failed; offset += FEED_BYTES) {
        parser.write(data.subarray(offset, offset + FEED_BYTES));
      }
      if (failed) parser.abort(new Error('stopped'));
      else parser.end();
    } catch (err) {
      fail('invalid tarball', err);
    }
  });
}

/**
 * `package/lib/a.js` -> `lib/a.js` (npm strips the first segment whatever its name); '' for that
 * first folder itself; null for absolute paths or `..` segments.
 */
function stripPackageDir(raw: string): string | null {
  const p = raw.replace(/\\/g, '/');
  if (p.startsWith('/') || /^[A-Za-z]:/.test(p)) return null;
  const parts = p.split('/').filter((s) => s !== '' && s !== '.');
  if (parts.some((s) => s === '..')) return null;
  parts.shift();
  return parts.join('/');
}

function entryType(t: string): TarballFile['type'] {
  switch (t) {
    case 'File':
    case 'OldFile':
    case 'ContiguousFile':
      return 'file';
    case 'SymbolicLink':
      return 'symlink';
    case 'Link':
      return 'link';
    case 'Directory':
      return 'directory';
    default:
      return 'other';
  }
}
