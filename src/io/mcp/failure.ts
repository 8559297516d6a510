import { SdkError, SdkErrorCode } from '@modelcontextprotocol/client';
import { VetError } from '../../core/errors.js';
import type { SnapshotLimits } from '../sandbox/limits.js';
import type { SandboxStdioTransport } from './stdio-transport.js';

interface FailureContext {
  label: string;
  /** the stage and request in flight when it went wrong, e.g. "listing (tools/list)" */
  step: string | undefined;
  /** how the server ended on its own, if it did before it was stopped */
  exit: string | undefined;
  transport: SandboxStdioTransport;
  stderr: string;
  abortReason: unknown;
  limits: SnapshotLimits;
}

/**
 * Turns whatever went wrong in a stdio session into one clear VetError: the server's exit, the
 * timeout that fired, the garbage it printed, and the end of its stderr (escaped when printed).
 */
export function describeServerFailure(err: unknown, ctx: FailureContext): VetError {
  if (err instanceof VetError && err.code !== 'INTERNAL') return withContext(err, ctx);
  if (ctx.abortReason instanceof VetError) return withContext(ctx.abortReason, ctx, err);
  const exit = ctx.exit;
  const where = ctx.step ? `${ctx.label}, during ${ctx.step}` : ctx.label;
  let message: string;
  let code: 'SERVER_FAILED' | 'TIMEOUT' = 'SERVER_FAILED';
  if (ctx.transport.overflow) {
    message = `${where}: wrote more than ${ctx.limits.stdoutBytes} bytes to stdout; stopped`;
  } else if (err instanceof SdkError && err.code === SdkErrorCode.RequestTimeout) {
    code = 'TIMEOUT';
    message = `${where}: no answer within ${Math.round(ctx.limits.startupMs / 1000)} s`;
  } else if (exit) {
    message = `${where}: the server ${exit}`;
  } else {
    message = `${where}: ${(err as Error)?.message ?? String(err)}`;
  }
  const details = { server: ctx.label, ...(ctx.step ? { stage: ctx.step } : {}) };
  return withContext(new VetError(code, message, { cause: err, details }), ctx);
}

function withContext(base: VetError, ctx: FailureContext, cause?: unknown): VetError {
  const extra: string[] = [];
  if (ctx.transport.noise.lines > 0)
    extra.push(
      `it wrote ${ctx.transport.noise.lines} non-JSON line(s) to stdout, e.g. ${JSON.stringify(ctx.transport.noise.samples[0] ?? '')}`,
    );
  // Node's permission model: a denied operation, its message as servers print it, a disabled addon
  const denied = /ERR_ACCESS_DENIED|ERR_DLOPEN_DISABLED|Access to this API has been restricted/.test(ctx.stderr);
  if (denied)
    extra.push("Node's permission model denied an operation (retry with --sandbox relaxed if the server needs it)");
  const tail = ctx.stderr.trim().slice(-600);
  if (tail) extra.push(`stderr ends: ${tail}`);
  if (extra.length === 0) return base;
  return new VetError(base.code, `${base.message}; ${extra.join('; ')}`, {
    cause: cause ?? base.cause ?? base,
    details: { ...base.details, ...(denied ? { deniedBy: 'node-permission' } : {}) },
  });
}
