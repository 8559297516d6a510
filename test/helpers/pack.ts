import { gzipSync } from 'node:zlib';

export type PackageFiles = Record<string, string | Buffer>;

/**
 * A gzipped tarball with every file under `package/`, as `npm pack` makes it. Entries are built by
 * hand (ustar headers) so tests can also make hostile ones: `rawEntries` are added as they are.
 */
export interface RawEntry {
  path: string;
  data?: Buffer;
  type?: '0' | '2' | '5';
  linkpath?: string;
  mode?: number;
}

export async function packTarball(files: PackageFiles, rawEntries: RawEntry[] = []): Promise<Buffer> {
  const blocks: Buffer[] = [];
  const entries: RawEntry[] = [
    ...Object.keys(files)
      .sort()
      .map((p) => ({ path: `package/${p}`, data: Buffer.isBuffer(files[p]) ? (files[p] as Buffer) : Buffer.from(String(files[p])), type: '0' as const, mode: 0o644 })),
    ...rawEntries,
  ];
  for (const e of entries) {
    const data = e.data ?? Buffer.alloc(0);
    blocks.push(header(e.path, e.type === '0' || e.type === undefined ? data.length : 0, e.type ?? '0', e.linkpath ?? '', e.mode ?? 0o644));
    if ((e.type ?? '0') === '0') {
      blocks.push(data);
      const pad = (512 - (data.length % 512)) % 512;
      if (pad) blocks.push(Buffer.alloc(pad));
    }
  }
  blocks.push(Buffer.alloc(1024));
  return gzipSync(Buffer.concat(blocks), { level: 9 });
}

function header(path: string, size: number, type: string, linkpath: string, mode: number): Buffer {
  const h = Buffer.alloc(512);
  let name = path;
  let prefix = '';
  if (Buffer.byteLength(name) > 100) {
    const cut = name.lastIndexOf('/', name.length - 1 - 0);
    prefix = name.slice(0, cut);
    name = name.slice(cut + 1);
  }
  h.write(name, 0, 100, 'utf8');
  h.write(mode.toString(8).padStart(7, '0') + '\0', 100, 8, 'ascii');
  h.write('0000000\0', 108, 8, 'ascii');
  h.write('0000000\0', 116, 8, 'ascii');
  h.write(size.toString(8).padStart(11, '0') + '\0', 124, 12, 'ascii');
  h.write('14707041000\0', 136, 12, 'ascii'); // 1985-10-26, as npm pack
  h.write('        ', 148, 8, 'ascii');
  h.write(type, 156, 1, 'ascii');
  h.write(linkpath, 157, 100, 'utf8');
  h.write('ustar\u000000', 257, 8, 'binary');
  h.write(prefix, 345, 155, 'utf8');
  let sum = 0;
  for (let i = 0; i < 512; i++) sum += h[i]!;
  h.write(sum.toString(8).padStart(6, '0') + '\0 ', 148, 8, 'ascii');
  return h;
}
