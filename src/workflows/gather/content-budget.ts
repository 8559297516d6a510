import { isCodePath } from '../../core/package-diff/index.js';

/** Content kept for the code signals and the code view: files up to 4 MB, 64 MB per version. */
export const KEEP_FILE_BYTES = 4 * 1024 * 1024;
export const KEEP_TOTAL_BYTES = 64 * 1024 * 1024;

/** A keepContent callback with a per-version byte budget: memory stays bounded whatever the tarball. */
export function contentBudget(): (path: string, size: number) => boolean {
  let kept = 0;
  return (path, size) => {
    if (size > KEEP_FILE_BYTES || kept + size > KEEP_TOTAL_BYTES) return false;
    if (!isCodePath(path) && size > 256 * 1024 && !/\.(?:node|exe|dll|so|dylib)$|^[^.]*$/i.test(path)) return false;
    kept += size;
    return true;
  };
}
