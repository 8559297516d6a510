import { finding, type Finding } from '../findings/finding.js';
import type { FileChanges } from './file-pairs.js';
import type { PackageEntry } from './input.js';

const NATIVE_EXTENSION = /\.(?:node|exe|dll|so(?:\.\d+)*|dylib)$/i;

/** ELF, Mach-O (32/64-bit, both byte orders, fat), PE (MZ with a PE header), or by extension. */
export function nativeFormat(file: PackageEntry): string | null {
  const c = file.content;
  if (c && c.length >= 4) {
    const m = ((c[0]! << 24) | (c[1]! << 16) | (c[2]! << 8) | c[3]!) >>> 0;
    if (m === 0x7f454c46) return 'ELF';
    if ([0xfeedface, 0xfeedfacf, 0xcefaedfe, 0xcffaedfe, 0xcafebabe, 0xbebafeca].includes(m)) return 'Mach-O';
    if (c[0] === 0x4d && c[1] === 0x5a && isPe(c)) return 'PE';
  }
  if (NATIVE_EXTENSION.test(file.path))
    return file.path.endsWith('.node') ? 'Node addon (.node)' : 'native library or executable';
  return null;
}

function isPe(c: Uint8Array): boolean {
  if (c.length < 0x40) return false;
  const at = c[0x3c]! | (c[0x3d]! << 8) | (c[0x3e]! << 16) | (c[0x3f]! << 24);
  return at > 0 && at + 4 <= c.length && c[at] === 0x50 && c[at + 1] === 0x45 && c[at + 2] === 0 && c[at + 3] === 0;
}

/** Native binaries that are new, or files that were not binaries and now are. */
export function nativeBinaryFindings(subject: string, changes: FileChanges): Finding[] {
  const candidates = [
    ...changes.added,
    ...changes.changed.filter((p) => nativeFormat(p.before) === null).map((p) => p.after),
  ];
  const out: Finding[] = [];
  for (const f of candidates) {
    const format = nativeFormat(f);
    if (!format) continue;
    out.push(
      finding('package/native-binary-added', {
        subject,
        location: { kind: 'file', file: f.path },
        message: `${f.path} is a ${format} binary (${f.size} bytes)`,
        evidence: { format, size: f.size, sha256: f.sha256 },
      }),
    );
  }
  return out;
}
