// Builds a package tarball the way `npm pack` lays it out (every file under package/), in memory.
// Shared by the demo, the tests and the benches. `rawEntries` are added as they are, so tests can
// build hostile archives (`../` paths, symlinks).
import { gzipSync } from 'node:zlib';

export function packTarball(files, rawEntries = []) {
  const entries = [
    ...Object.keys(files)
      .sort()
      .map((p) => ({
        path: `package/${p}`,
        data: Buffer.isBuffer(files[p]) ? files[p] : Buffer.from(String(files[p])),
        type: '0',
        mode: 0o644,
      })),
    ...rawEntries,
  ];
  const blocks = [];
  for (const e of entries) {
    const type = e.type ?? '0';
    const data = e.data ?? Buffer.alloc(0);
    blocks.push(header(e.path, type === '0' ? data.length : 0, type, e.linkpath ?? '', e.mode ?? 0o644));
    if (type === '0') blocks.push(data, Buffer.alloc((512 - (data.length % 512)) % 512));
  }
  blocks.push(Buffer.alloc(1024)); // end of archive
  return gzipSync(Buffer.concat(blocks), { level: 9 });
}

/** A ustar header; mtime fixed (as npm pack does) so the bytes are reproducible. */
function header(path, size, type, linkpath, mode) {
  const h = Buffer.alloc(512);
  let name = path;
  let prefix = '';
  if (Buffer.byteLength(name) > 100) {
    const cut = name.lastIndexOf('/');
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
  for (let i = 0; i < 512; i++) sum += h[i];
  h.write(sum.toString(8).padStart(6, '0') + '\0 ', 148, 8, 'ascii');
  return h;
}
