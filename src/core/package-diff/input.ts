import type { PackageMeta } from '../workspace/package-meta.js';

/** One entry of a package tarball, as the tarball reader gives it. */
export interface PackageEntry {
  /** path inside the package, without the leading `package/` */
  path: string;
  type: 'file' | 'symlink' | 'link' | 'directory' | 'other';
  size: number;
  sha256: string;
  linkpath?: string;
  /** the bytes, when the reader kept them (code files and small files under a size cap) */
  content?: Uint8Array;
}

/** One version of a package, as the package diff sees it. Pure data: no I/O behind it. */
export interface PackageVersion {
  /** `name@version` */
  subject: string;
  meta: PackageMeta;
  files: readonly PackageEntry[];
  /** entries refused by the reader (absolute paths, `..` segments) */
  unsafePaths?: readonly string[];
}

const CODE_EXTENSIONS = /\.(?:[cm]?js|jsx|[cm]?ts|tsx|sh|bash|zsh|ps1|py|bat|cmd)$/i;
const DECLARATION = /\.d\.[cm]?ts$/i;

/** Files whose text the code signals read: scripts and JavaScript/TypeScript sources, not .d.ts or maps. */
export function isCodePath(path: string): boolean {
  return CODE_EXTENSIONS.test(path) && !DECLARATION.test(path);
}
