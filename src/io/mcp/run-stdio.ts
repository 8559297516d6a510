import type { Client } from '@modelcontextprotocol/client';
import { VetError } from '../../core/errors.js';
import type { SnapshotLimits } from '../sandbox/limits.js';
import { SandboxedProcess, type LaunchSpec } from '../sandbox/sandboxed-process.js';
import { describeServerFailure } from './failure.js';
import { probeServer, type ProbeState, type ServerListing } from './probe-server.js';
import { SandboxStdioTransport } from './stdio-transport.js';

export interface StdioRunResult {
  listing: ServerListing;
  /** the server's stderr (kept part) of every process of this run */
  stderr: string;
  /** non-JSON lines the server wrote to stdout */
  noiseLines: number;
  /** true when `server/discover` made the server exit and a second process spoke `initialize` */
  relaunchedLegacy: boolean;
}

export interface StdioRunOptions {
  launch: Omit<LaunchSpec, 'stderrBytes'>;
  limits: SnapshotLimits;
  clientInfo: { name: string; version: string };
}

/**
 * Starts the server once (in its sandbox), lists everything, and kills its process group, whatever
 * happened. A server that exits on the `server/discover` probe is started again for `initialize`.
 */
export async function runStdioListing(options: StdioRunOptions): Promise<StdioRunResult> {
  const stderr: string[] = [];
  const abort = new AbortController();
  const started = Date.now();
  let current: ProbeState = { connected: false, step: 'start' };
  const where = () => `${options.launch.label}, during ${current.step ?? 'start'}`;
  const totalTimer = setTimeout(
    () =>
      abort.abort(
        new VetError('TIMEOUT', `${where()}: did not finish within ${options.limits.totalMs / 1000} s`, {
          details: {
            server: options.launch.label,
            stage: current.step ?? 'start',
            ...(current.request ? { request: current.request } : {}),
          },
        }),
      ),
    options.limits.totalMs,
  );
  const budget = { signal: abort.signal, remaining: () => options.limits.totalMs - (Date.now() - started) };
  try {
    let relaunchedLegacy = false;
    for (const negotiation of ['auto', 'legacy'] as const) {
      const proc = await SandboxedProcess.start({ ...options.launch, stderrBytes: options.limits.stderrBytes });
      const transport = new SandboxStdioTransport(proc, options.limits.stdoutBytes);
      const onAbort = () => void proc.stop();
      abort.signal.addEventListener('abort', onAbort);
      let client: Client | undefined;
      const state: ProbeState = { connected: false, step: 'start' };
      current = state;
      const startupTimer = setTimeout(() => {
        if (!state.connected)
          abort.abort(
            new VetError(
              'TIMEOUT',
              `${where()}: no completed handshake within ${options.limits.startupMs / 1000} s (start-up timeout)`,
              {
                details: {
                  server: options.launch.label,
                  stage: state.step ?? 'start',
                  ...(state.request ? { request: state.request } : {}),
                },
              },
            ),
          );
      }, options.limits.startupMs);
      try {
        const probed = await probeServer(transport, {
          clientInfo: options.clientInfo,
          negotiation,
          startupMs: options.limits.startupMs,
          limits: options.limits,
          budget,
          server: options.launch.label,
          state,
        });
        client = probed.client;
        return {
          listing: probed.listing,
          stderr: joinStderr([...stderr, proc.stderrText()]),
          noiseLines: transport.noise.lines,
          relaunchedLegacy,
        };
      } catch (err) {
        if (!abort.signal.aborted) await proc.waitForExit(250);
        const exit = proc.exitDescription();
        await proc.stop();
        stderr.push(proc.stderrText());
        const exitedEarly =
          negotiation === 'auto' &&
          !state.connected &&
          exit !== undefined &&
          !abort.signal.aborted &&
          !transport.overflow &&
          !(err instanceof VetError);
        if (exitedEarly) {
          relaunchedLegacy = true;
          continue;
        }
        throw describeServerFailure(err, {
          label: options.launch.label,
          step: state.step,
          request: state.request,
          exit,
          transport,
          stderr: joinStderr(stderr),
          stderrEnd: proc.stderrEnd(),
          abortReason: abort.signal.aborted ? abort.signal.reason : undefined,
          limits: options.limits,
        });
      } finally {
        clearTimeout(startupTimer);
        abort.signal.removeEventListener('abort', onAbort);
        await client?.close().catch(() => undefined);
        await proc.stop();
      }
    }
    throw new VetError('INTERNAL', 'unreachable');
  } finally {
    clearTimeout(totalTimer);
  }
}

function joinStderr(parts: string[]): string {
  return parts.filter((p) => p.length > 0).join('\n[mcp-vet: next start]\n');
}
