// Builds a package tarball the way `npm pack` lays it out (every file under package/), in memory.
import { gzipSync } from 'node:zlib';

/** files: path -> content (string or Buffer). Returns the gzipped tar. */
export function packTarball(files) {
  const blocks = [];
  for (const path of Object.keys(files).sort()) {
    const data = Buffer.isBuffer(files[path]) ? files[path] : Buffer.from(String(files[path]));
    blocks.push(header(`package/${path}`, data.length));
    blocks.push(data, Buffer.alloc((512 - (data.length % 512)) % 512));
  }
  blocks.push(Buffer.alloc(1024)); // end of archive
  return gzipSync(Buffer.concat(blocks), { level: 9 });
}

/** A ustar header for a regular file; mtime fixed (as npm pack does) so the bytes are reproducible. */
function header(path, size) {
  if (Buffer.byteLength(path) > 100) throw new Error(`path too long for the demo packer: ${path}`);
  const h = Buffer.alloc(512);
  h.write(path, 0, 100, 'utf8');
  h.write('0000644\0', 100, 8, 'ascii'); // mode
  h.write('0000000\0', 108, 8, 'ascii'); // uid
  h.write('0000000\0', 116, 8, 'ascii'); // gid
  h.write(`${size.toString(8).padStart(11, '0')}\0`, 124, 12, 'ascii');
  h.write('14707041000\0', 136, 12, 'ascii'); // 1985-10-26
  h.write('        ', 148, 8, 'ascii'); // checksum placeholder
  h.write('0', 156, 1, 'ascii'); // regular file
  h.write('ustar\u000000', 257, 8, 'binary');
  let sum = 0;
  for (const byte of h) sum += byte;
  h.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148, 8, 'ascii');
  return h;
}
