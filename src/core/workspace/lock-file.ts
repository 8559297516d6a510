import { z } from 'zod';

export const LOCK_SCHEMA_ID = 'urn:mcp-vet:schema:lock:1';

export const LockNode = z
  .object({
    name: z.string(),
    version: z.string(),
    integrity: z.string().optional(),
    /**
     * Where the tarball came from. For a registry tarball, the path below the registry
     * (`name/-/name-1.0.0.tgz`) so that no registry host is written; otherwise the full URL or spec.
     */
    resolved: z.string().optional(),
    optional: z.boolean().optional(),
    bundled: z.boolean().optional(),
    hasInstallScript: z.boolean().optional(),
    /** the node's declared edges, as in package-lock.json, so the exact closure can be installed */
    dependencies: z.record(z.string(), z.string()).optional(),
    optionalDependencies: z.record(z.string(), z.string()).optional(),
    peerDependencies: z.record(z.string(), z.string()).optional(),
    peerDependenciesMeta: z.record(z.string(), z.object({ optional: z.boolean().optional() }).strict()).optional(),
  })
  .strict();

/** The dependency closure of a pinned version: `node_modules/...` path -> node, like package-lock.json. */
export const LockFile = z
  .object({
    $schema: z.literal(LOCK_SCHEMA_ID).optional(),
    formatVersion: z.literal(1),
    root: z.object({ name: z.string(), version: z.string() }).strict(),
    packages: z.record(z.string(), LockNode),
  })
  .strict();

export type LockNode = z.infer<typeof LockNode>;
export type LockFile = z.infer<typeof LockFile>;
