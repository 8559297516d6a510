export type PackageFiles = Record<string, string | Buffer>;

export interface RawEntry {
  path: string;
  data?: Buffer;
  /** '0' file, '1' hard link, '2' symlink, '3' character device, '4' block device, '5' directory, '6' FIFO */
  type?: '0' | '1' | '2' | '3' | '4' | '5' | '6';
  linkpath?: string;
  mode?: number;
}

export function packTarball(files: PackageFiles, rawEntries?: RawEntry[]): Buffer;
