import { normaliseClockTimes } from '../../core/manifest/clock-times.js';
import { join } from 'node:path';
import { behaviourFromDenials, behaviourFromTrace } from '../../core/behaviour/build-record.js';
import { denialsFromStderr } from '../../core/behaviour/denials.js';
import { parseStrace } from '../../core/behaviour/parse-strace.js';
import { canonicalBehaviour, type BehaviourRecord } from '../../core/behaviour/record.js';
import { normaliseDeep, normaliseText } from '../../core/behaviour/sandbox-paths.js';
import { VetError } from '../../core/errors.js';
import { ServerFailureError } from '../mcp/failure.js';
import type { ServerListing } from '../mcp/probe-server.js';
import { detectOsSandbox } from './layers.js';
import type { SnapshotLimits } from './limits.js';
import { planSandbox, type LaunchTarget, type SandboxMode, type SandboxPlan, type SandboxRecord } from './plan.js';
import type { SandboxDirs } from './sandbox-dirs.js';
import { SandboxedStartError } from './start-error.js';
import { detectTracer, readTrace, tracedArgv } from './tracer.js';
import type { SandboxView } from './view.js';

export interface SandboxedListingOptions {
  target: (view: SandboxView) => LaunchTarget;
  dirs: SandboxDirs;
  env: readonly string[];
  /** values given to declared variables instead of the generic placeholder (--env-placeholder) */
  placeholders?: Readonly<Record<string, string>> | undefined;
  mode: SandboxMode;
  limits: SnapshotLimits;
  clientInfo: { name: string; version: string };
  label: string;
  /** record what the server attempts (strace when available, else the denials it reports) */
  behaviour?: boolean | undefined;
}

export interface SandboxedListing {
  /** with sandbox paths written as placeholders */
  listing: ServerListing;
  /** the kept stderr, sandbox paths written as placeholders */
  stderr: string;
  noiseLines: number;
  record: SandboxRecord;
  /** present when asked for */
  behaviour?: BehaviourRecord;
}

export { SandboxedStartError } from './start-error.js';

/**
 * The sandbox + MCP runner: one start of a server in its sandbox, listed with the official client.
 * Sandbox paths in what comes back are replaced by their placeholders, so the same server gives
 * the same listing on every start and machine; with `behaviour`, its attempts are recorded too.
 *
 * Strict mode inside a bubblewrap root keeps Node's permission model as an extra layer only where it
 * does not break the server: a start that fails because that layer denied an operation (a child
 * process, a worker, a native addon) is started once more without it. The root still hides the host
 * and the network; the lift and its reason are recorded in the sandbox record, and what was denied
 * stays in the behaviour record, so an update that newly needs the lift is seen.
 */
export async function runSandboxedListing(options: SandboxedListingOptions): Promise<SandboxedListing> {
  const placeholders = options.placeholders ?? {};
  const plan = planSandbox(options.target, options.dirs, options.env, options.mode, { placeholders });
  try {
    return await runPlanned(plan, options);
  } catch (err) {
    const reason = liftReason(err, plan, options.mode);
    if (reason === null) throw err;
    const denied = err instanceof SandboxedStartError ? (err.behaviour?.denials ?? []) : [];
    const lifted = planSandbox(options.target, options.dirs, options.env, options.mode, {
      liftNodePermission: reason,
      placeholders,
    });
    const out = await runPlanned(lifted, options);
    if (out.behaviour && denied.length > 0)
      out.behaviour = canonicalBehaviour({ ...out.behaviour, denials: [...out.behaviour.denials, ...denied] });
    return out;
  }
}

/** Why Node's permission layer may be lifted for a start that failed, or null when it may not. */
function liftReason(err: unknown, plan: SandboxPlan, mode: SandboxMode): string | null {
  if (mode !== 'strict' || detectOsSandbox().hide !== 'bwrap') return null;
  if (!plan.record.active.includes('node-permission')) return null;
  if (!(err instanceof VetError)) return null;
  if (err.details['deniedBy'] !== 'node-permission') {
    // a server that ends before its handshake with no denial named may have caught one (and said
    // something else, or nothing): one more start without the layer tells; the view stays hidden
    const stage = err.details['stage'];
    if (err.code !== 'SERVER_FAILED' || typeof stage !== 'string' || !stage.startsWith('handshake')) return null;
    return 'the server ended during its handshake under it, naming no denial; the bubblewrap root still hides the host and the network';
  }
  const text = err instanceof SandboxedStartError && err.stderr ? err.stderr : err.message;
  const kinds = [...new Set(denialsFromStderr(text).map((d) => d.kind))].sort().join(', ');
  return `denied ${kinds || 'an operation'} at start-up; the bubblewrap root still hides the host and the network`;
}

async function runPlanned(plan: SandboxPlan, options: SandboxedListingOptions): Promise<SandboxedListing> {
  const tracer = options.behaviour ? detectTracer() : undefined;
  const traceFile = join(options.dirs.root, `trace-${process.hrtime.bigint().toString(36)}.txt`);
  const argv =
    tracer?.strace != null
      ? [...detectOsSandbox().deathSig, ...tracedArgv(tracer.strace, plan.launch.argv, traceFile)]
      : plan.launch.argv;
  const { runStdioListing } = await import('../mcp/run-stdio.js');
  try {
    const from = Date.now();
    const result = await runStdioListing({
      launch: { ...plan.launch, argv, label: options.label },
      limits: options.limits,
      clientInfo: options.clientInfo,
    });
    const stderr = normaliseText(result.stderr, plan.placeholders);
    const out: SandboxedListing = {
      // sandbox paths and times computed from the clock as placeholders: the same on every start
      listing: normaliseClockTimes(normaliseDeep(result.listing, plan.placeholders), { from, to: Date.now() }),
      stderr,
      noiseLines: result.noiseLines,
      record: plan.record,
    };
    if (options.behaviour) out.behaviour = await behaviourOf(plan, tracer?.strace ? traceFile : null, stderr);
    return out;
  } catch (err) {
    if (!(err instanceof VetError)) throw err;
    // sandbox paths as placeholders in what is shown and stored; denials read from the whole stderr
    const caught = err instanceof ServerFailureError ? err.stderr : '';
    const stderr = normaliseText(caught || err.message, plan.placeholders);
    const details = normaliseDeep({ ...err.details }, plan.placeholders);
    const behaviour = options.behaviour
      ? await behaviourOf(plan, tracer?.strace ? traceFile : null, `${err.message}\n${stderr}`)
      : undefined;
    throw new SandboxedStartError(err, behaviour, {
      stderr: caught ? stderr : '',
      message: normaliseText(err.message, plan.placeholders),
      details,
    });
  }
}

async function behaviourOf(plan: SandboxPlan, traceFile: string | null, stderr: string): Promise<BehaviourRecord> {
  const denials = denialsFromStderr(stderr).map((d) =>
    d.resource ? { ...d, resource: normaliseText(d.resource, plan.placeholders) } : d,
  );
  if (!traceFile) return behaviourFromDenials(denials);
  const { text, truncated } = await readTrace(traceFile);
  const parsed = parseStrace(text, plan.inner);
  if (!parsed.launched) return behaviourFromDenials(denials);
  const record = behaviourFromTrace(parsed, { ...plan.trace, placeholders: plan.placeholders }, denials);
  return truncated ? { ...record, truncated: true } : record;
}
