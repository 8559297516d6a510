import type { PackageFiles } from './pack-tarball.mjs';

export interface PublishOptions {
  /** dist-tag to set (default latest) */
  tag?: string;
  /** publish with this token instead of the registry user's */
  token?: string;
  /** publish without dist.integrity (only the sha1 shasum) */
  sha1Only?: boolean;
  /** publish these exact bytes instead of packing `files` (package.json still names the version) */
  tarball?: Buffer;
}

export interface LocalRegistry {
  url: string;
  port: number;
  storage: string;
  token: string;
  /** returns the sha512 integrity of the published tarball */
  publish(files: PackageFiles, options?: PublishOptions): Promise<string>;
  /** where a published tarball lies in the storage (for tampering tests) */
  tarballPath(name: string, version: string): string;
  stop(): Promise<void>;
}

export function startLocalRegistry(
  dir: string,
  options?: { privateScopes?: string[]; user?: string },
): Promise<LocalRegistry>;
export function freePort(): Promise<number>;
