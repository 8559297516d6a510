import { z } from 'zod';
import { SEVERITIES } from '../findings/severity.js';
import { CHECK_NAMES } from './checks.js';

export const REPORT_SCHEMA_ID = 'urn:mcp-vet:schema:report:1';

const Severity = z.enum(SEVERITIES);
const Verdict = z.enum(['pass', 'review', 'block']);

/** The JSON report contract (DESIGN.md "Report contract"); text, SARIF and Markdown render from it. */
export const ReportDocument = z
  .object({
    schemaVersion: z.literal(1),
    tool: z.object({ name: z.literal('mcp-vet'), version: z.string() }).strict(),
    command: z.string(),
    verdict: Verdict,
    subjects: z.array(
      z
        .object({
          name: z.string(),
          from: z.string().optional(),
          to: z.string().optional(),
          verdict: Verdict,
          file: z.string().optional(),
          candidate: z
            .object({ version: z.string(), reason: z.enum(['requested', 'newest-within-policy', 'pinned']) })
            .strict()
            .optional()
            .describe('which version was checked as the candidate, and why that one'),
          checks: z
            .array(
              z
                .object({
                  name: z.enum(CHECK_NAMES),
                  version: z.string(),
                  status: z.enum(['held', 'changed', 'failed', 'not-checked']),
                  detail: z.string(),
                })
                .strict(),
            )
            .optional()
            .describe('what was checked, per version, and whether it held'),
        })
        .strict(),
    ),
    findings: z.array(
      z
        .object({
          code: z.string().regex(/^(package|provenance|manifest|poison|config)\/[a-z0-9-]+$/),
          severity: Severity,
          message: z.string(),
          subject: z.string(),
          location: z
            .object({
              kind: z.string(),
              name: z.string().optional(),
              pointer: z.string().optional(),
              file: z.string().optional(),
              line: z.number().int().positive().optional(),
            })
            .strict()
            .optional(),
          evidence: z.record(z.string(), z.unknown()).optional(),
        })
        .strict(),
    ),
    summary: z
      .object(
        Object.fromEntries(SEVERITIES.map((s) => [s, z.number().int().nonnegative()])) as Record<
          (typeof SEVERITIES)[number],
          z.ZodNumber
        >,
      )
      .strict(),
    errors: z.array(z.object({ subject: z.string(), code: z.string(), message: z.string() }).strict()).optional(),
    notices: z
      .array(
        z
          .object({
            code: z.string(),
            message: z.string(),
            subjects: z.array(z.string()),
            reasons: z.array(z.string()),
          })
          .strict(),
      )
      .optional()
      .describe('what the registry could not serve, said once per run; never a pass for the check it leaves undone'),
    next: z
      .array(z.object({ command: z.string(), why: z.string() }).strict())
      .optional()
      .describe('commands to run next'),
  })
  .strict();
