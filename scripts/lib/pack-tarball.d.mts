export type PackageFiles = Record<string, string | Buffer>;

export interface RawEntry {
  path: string;
  data?: Buffer;
  /** '0' file, '2' symlink, '5' directory */
  type?: '0' | '2' | '5';
  linkpath?: string;
  mode?: number;
}

export function packTarball(files: PackageFiles, rawEntries?: RawEntry[]): Buffer;
