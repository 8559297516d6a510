import { SdkError, SdkErrorCode } from '@modelcontextprotocol/client';
import { MOUNT_NAMESPACE, READ_ONLY_WRITE, denyingLayer } from '../../core/behaviour/denying-layer.js';
import { denialsFromStderr } from '../../core/behaviour/denials.js';
import { VetError } from '../../core/errors.js';
import { stderrTail } from '../../core/text/stderr-tail.js';
import type { SnapshotLimits } from '../sandbox/limits.js';
import type { SandboxStdioTransport } from './stdio-transport.js';

interface FailureContext {
  label: string;
  /** the stage and request in flight when it went wrong, e.g. "listing (tools/list)" */
  step: string | undefined;
  /** the JSON-RPC request in flight, e.g. "tools/list" */
  request?: string | undefined;
  /** how the server ended on its own, if it did before it was stopped */
  exit: string | undefined;
  transport: SandboxStdioTransport;
  /** the kept stderr of every process of this run (read for denials) */
  stderr: string;
  /** the end of the failed process's stderr (its last lines are shown) */
  stderrEnd?: string;
  abortReason: unknown;
  limits: SnapshotLimits;
}

/** A failed stdio session: the VetError, with the kept stderr of its processes (not in the message). */
export class ServerFailureError extends VetError {
  readonly stderr: string;
  constructor(base: VetError, stderr: string) {
    super(base.code, base.message, { cause: base.cause ?? base, details: { ...base.details } });
    this.stderr = stderr;
  }
}

/**
 * Turns whatever went wrong in a stdio session into one clear VetError: the server's exit, the
 * timeout that fired, the garbage it printed, the layer that denied an operation and how to lift
 * it; the stage and request in flight are in the message and the details, and the last 20 lines of
 * its stderr (escaped, one string per line) in `details.stderr`.
 */
export function describeServerFailure(err: unknown, ctx: FailureContext): ServerFailureError {
  return new ServerFailureError(describe(err, ctx), ctx.stderr);
}

function describe(err: unknown, ctx: FailureContext): VetError {
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
  const details = {
    server: ctx.label,
    ...(ctx.step ? { stage: ctx.step } : {}),
    ...(ctx.request ? { request: ctx.request } : {}),
  };
  return withContext(new VetError(code, message, { cause: err, details }), ctx);
}

function withContext(base: VetError, ctx: FailureContext, cause?: unknown): VetError {
  const extra: string[] = [];
  if (ctx.transport.noise.lines > 0)
    extra.push(
      `it wrote ${ctx.transport.noise.lines} non-JSON line(s) to stdout, e.g. ${JSON.stringify(ctx.transport.noise.samples[0] ?? '')}`,
    );
  // what a sandbox layer denied (Node's permission model, the network namespace), with how to lift it
  const byLayer = new Map<string, { kinds: Set<string>; text: string }>();
  for (const d of denialsFromStderr(ctx.stderr)) {
    const layer = denyingLayer(d.kind);
    const entry = byLayer.get(layer.layer) ?? { kinds: new Set<string>(), text: `${layer.name}; ${layer.lift}` };
    entry.kinds.add(d.kind);
    byLayer.set(layer.layer, entry);
  }
  if (READ_ONLY_WRITE.test(ctx.stderr))
    byLayer.set(MOUNT_NAMESPACE.layer, {
      kinds: new Set(['file-write']),
      text: `${MOUNT_NAMESPACE.name}; ${MOUNT_NAMESPACE.lift}`,
    });
  const layers = [...byLayer.keys()].sort();
  for (const layer of layers) {
    const { kinds, text } = byLayer.get(layer)!;
    extra.push(`denied (${[...kinds].sort().join(', ')}) by ${text}`);
  }
  const tail = stderrTail(ctx.stderrEnd ?? ctx.stderr);
  // what it printed instead of JSON-RPC (a usage text, an error), for the hints
  const stdout = stderrTail(ctx.transport.noise.samples.join('\n'));
  if (ctx.exit && tail.length === 0 && ctx.transport.noise.lines === 0)
    extra.push(
      'it wrote nothing on stderr or stdout (a server that needs arguments or credentials may end so: --arg, --env)',
    );
  if (extra.length === 0 && tail.length === 0) return base;
  const message = extra.length > 0 ? `${base.message}; ${extra.join('; ')}` : base.message;
  return new VetError(base.code, message, {
    cause: cause ?? base.cause ?? base,
    details: {
      ...base.details,
      ...(layers.length > 0 ? { deniedBy: layers.includes('node-permission') ? 'node-permission' : layers[0]! } : {}),
      ...(layers.length > 0 ? { deniedLayers: layers } : {}),
      ...(tail.length > 0 ? { stderr: tail } : {}),
      ...(stdout.length > 0 ? { stdout } : {}),
    },
  });
}
