import { z } from 'zod';
import { isValidRange } from '../policy/newer-versions.js';

export const ALLOWLIST_ENTRY_SCHEMA_ID = 'urn:mcp-vet:schema:allowlist-entry:1';

const identityFields = {
  issuer: z.string().optional().describe('OIDC issuer of the signing certificate'),
  repository: z.string().optional().describe('Source repository URL'),
  repositoryId: z.string().optional(),
  ownerId: z.string().optional(),
  workflow: z.string().optional().describe('Build workflow path, e.g. .github/workflows/release.yml'),
  ref: z.string().optional().describe('Git ref the build ran for'),
  commit: z.string().optional(),
  runner: z.string().optional().describe('github-hosted or self-hosted'),
};

export const ProvenancePin = z
  .object({
    status: z
      .enum(['unchecked', 'verified', 'absent', 'unavailable'])
      .describe(
        'unchecked: not verified yet; verified: attestations verified offline; absent: the registry says there are none; unavailable: the registry serves none',
      ),
    ...identityFields,
    expect: z
      .object({
        repository: z.string().optional(),
        workflow: z.string().optional(),
        ref: z.string().optional(),
        runner: z.string().optional(),
      })
      .strict()
      .optional()
      .describe('Identity required explicitly (--expect-*), rather than trusted on first use'),
  })
  .strict();

export const ManifestPin = z
  .object({
    status: z.enum(['unchecked', 'captured']),
    digest: z
      .string()
      .regex(/^sha256:[0-9a-f]{64}$/)
      .optional(),
    tools: z.number().int().nonnegative().optional(),
    prompts: z.number().int().nonnegative().optional(),
    resources: z.number().int().nonnegative().optional(),
  })
  .strict();

/**
 * The behaviour record of the pinned version's first start (snapshots/<pkg>/<v>/behaviour.json):
 * its digest, and which tracer made it. Absent in pins made before behaviour was recorded.
 */
export const BehaviourPin = z
  .object({
    digest: z.string().regex(/^sha256:[0-9a-f]{64}$/),
    tracer: z
      .enum(['strace', 'permission-denials'])
      .describe('strace: every attempt traced; permission-denials: only what a sandbox layer denied'),
  })
  .strict();

/** Who approved a pin, when, and why. */
export const Approval = z
  .object({
    by: z.string(),
    at: z.string().describe('ISO 8601 date-time'),
    note: z.string().optional(),
  })
  .strict();

export const AllowlistEntry = z
  .object({
    $schema: z.literal(ALLOWLIST_ENTRY_SCHEMA_ID).optional(),
    name: z.string().min(1).describe('npm package name'),
    version: z.string().min(1).describe('exact approved version'),
    integrity: z
      .string()
      .regex(/^(sha512|sha384|sha256|sha1)-[A-Za-z0-9+/=]+$/)
      .describe('dist.integrity of the approved tarball'),
    provenance: ProvenancePin,
    manifest: ManifestPin,
    behaviour: BehaviourPin.optional().describe('digest of behaviour.json, what the first start attempted'),
    dependencies: z
      .object({
        digest: z.string().regex(/^sha256:[0-9a-f]{64}$/),
        count: z.number().int().nonnegative(),
        tree: z
          .string()
          .regex(/^sha256:[0-9a-f]{64}$/)
          .optional()
          .describe(
            "digest of the installed closure (every path, type and content but npm's own lockfiles), taken at snapshot time before the server started; mcp-vet run requires it of its cached install",
          ),
      })
      .strict(),
    launch: z
      .object({
        bin: z.string().optional(),
        sandbox: z
          .enum(['strict', 'relaxed'])
          .optional()
          .describe('snapshot sandbox the server was approved with (relaxed: without the Node permission layer)'),
        args: z.array(z.string()).default([]),
        env: z
          .array(z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/))
          .default([])
          .describe('names of environment variables; values are never stored'),
        placeholders: z
          .record(
            z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/),
            z
              .string()
              .min(1)
              .max(200)
              .regex(/^[\x20-\x7e]+$/),
          )
          .optional()
          .describe(
            'placeholder values (not secrets) given to the server at snapshot time instead of the generic placeholder, for variables of `env` whose value must have a shape (e.g. sk_test_xxxxxxxx); never a real value',
          ),
      })
      .strict()
      .refine((launch) => Object.keys(launch.placeholders ?? {}).every((name) => launch.env.includes(name)), {
        message: 'every name in launch.placeholders must be in launch.env',
        path: ['placeholders'],
      })
      .default({ args: [], env: [] }),
    policy: z
      .object({
        updates: z
          .string()
          // a range that matches nothing would make drift and verify never consider an update, silently
          .refine(isValidRange, { message: 'not a valid semver range (for example ^1.2.0, ~2.0, >=1 <3, *)' })
          .optional()
          .describe('semver range of versions that drift considers'),
        requireProvenance: z.boolean().optional(),
        minReleaseAgeDays: z.number().int().nonnegative().optional(),
      })
      .strict()
      .default({}),
    approved: Approval,
  })
  .strict();

export type AllowlistEntry = z.infer<typeof AllowlistEntry>;
export type ProvenancePin = z.infer<typeof ProvenancePin>;
export type ManifestPin = z.infer<typeof ManifestPin>;
export type BehaviourPin = z.infer<typeof BehaviourPin>;
