import { constants, createGzip } from 'node:zlib';
import { packTarball, type PackageFiles } from '../../helpers/pack.js';

/**
 * A package tarball followed by entries of zeros, gzipped as a stream so the test never holds the
 * unpacked bytes: `count` entries each `declaredSize` long (a gzip bomb), or one entry whose header
 * claims `declaredSize` but carries only `actualBytes` (a 1 GB file that is not there).
 */
export async function bombTarball(
  files: PackageFiles,
  o: { path: string; declaredSize: number; count?: number; actualBytes?: number },
): Promise<Buffer> {
  const { gunzipSync } = await import('node:zlib');
  const base = gunzipSync(await packTarball(files));
  const body = base.subarray(0, base.length - 1024); // without the end-of-archive blocks
  const gz = createGzip({ level: constants.Z_BEST_SPEED });
  const out: Buffer[] = [];
  gz.on('data', (c: Buffer) => out.push(c));
  const done = new Promise<void>((resolve, reject) => {
    gz.on('end', resolve);
    gz.on('error', reject);
  });
  const write = (b: Buffer) => new Promise<void>((resolve) => (gz.write(b) ? resolve() : gz.once('drain', resolve)));
  await write(body);
  const zeros = Buffer.alloc(4 * 1024 * 1024);
  const count = o.count ?? 1;
  for (let i = 0; i < count; i++) {
    await write(header(count > 1 ? `${o.path}${i}` : o.path, o.declaredSize));
    let left = Math.min(o.actualBytes ?? o.declaredSize, o.declaredSize);
    while (left > 0) {
      const n = Math.min(left, zeros.length);
      await write(zeros.subarray(0, n));
      left -= n;
    }
  }
  if (o.actualBytes === undefined) await write(Buffer.alloc(1024));
  gz.end();
  await done;
  return Buffer.concat(out);
}

function header(path: string, size: number): Buffer {
  const h = Buffer.alloc(512);
  h.write(path, 0, 100, 'utf8');
  h.write('0000644\0', 100, 8, 'ascii');
  h.write('0000000\0', 108, 8, 'ascii');
  h.write('0000000\0', 116, 8, 'ascii');
  h.write(size.toString(8).padStart(11, '0') + '\0', 124, 12, 'ascii');
  h.write('14707041000\0', 136, 12, 'ascii');
  h.write('        ', 148, 8, 'ascii');
  h.write('0', 156, 1, 'ascii');
  h.write('ustar\u000000', 257, 8, 'binary');
  let sum = 0;
  for (let i = 0; i < 512; i++) sum += h[i]!;
  h.write(sum.toString(8).padStart(6, '0') + '\0 ', 148, 8, 'ascii');
  return h;
}
