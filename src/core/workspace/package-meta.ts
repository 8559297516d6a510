import { z } from 'zod';

export const PACKAGE_META_SCHEMA_ID = 'urn:mcp-vet:schema:package-meta:1';

const StringMap = z.record(z.string(), z.string());

export const PackageFile = z
  .object({
    path: z.string(),
    size: z.number().int().nonnegative(),
    sha256: z.string().regex(/^[0-9a-f]{64}$/),
    mode: z.number().int().optional(),
  })
  .strict();

/** Security-relevant metadata of one published version, read from its tarball. */
export const PackageMeta = z
  .object({
    $schema: z.literal(PACKAGE_META_SCHEMA_ID).optional(),
    formatVersion: z.literal(1),
    name: z.string(),
    version: z.string(),
    integrity: z.string(),
    scripts: StringMap,
    installScripts: StringMap.describe('preinstall, install, postinstall, prepare (and the implied node-gyp install)'),
    dependencies: StringMap,
    optionalDependencies: StringMap,
    peerDependencies: StringMap,
    bundleDependencies: z.array(z.string()),
    bin: StringMap,
    main: z.string().optional(),
    repository: z.string().optional(),
    homepage: z.string().optional(),
    author: z.string().optional(),
    license: z.string().optional(),
    engines: StringMap,
    files: z.array(PackageFile),
    unpackedSize: z.number().int().nonnegative(),
    unsafeEntries: z
      .array(
        z
          .object({
            path: z.string(),
            kind: z.enum(['outside', 'symlink', 'hardlink', 'special']),
            linkpath: z.string().optional(),
          })
          .strict(),
      )
      .optional()
      .describe('tarball entries that reach outside the package: `..` or absolute paths, links, devices'),
  })
  .strict();

export type PackageMeta = z.infer<typeof PackageMeta>;
export type PackageFile = z.infer<typeof PackageFile>;
