/** Hard limits on one snapshot run. */
export interface SnapshotLimits {
  /** from spawn to a completed handshake */
  startupMs: number;
  /** the whole run of one start, listing included */
  totalMs: number;
  /** bytes read from the server's stdout (the protocol stream) */
  stdoutBytes: number;
  /** bytes of stderr kept (the rest is read and dropped) */
  stderrBytes: number;
  /** size of the canonical manifest */
  manifestBytes: number;
  /** pages followed per list */
  maxPages: number;
  /** items per list (tools, prompts, resources, templates) */
  maxItems: number;
}

export const DEFAULT_LIMITS: SnapshotLimits = {
  startupMs: 30_000,
  totalMs: 60_000,
  stdoutBytes: 64 * 1024 * 1024,
  stderrBytes: 64 * 1024,
  manifestBytes: 32 * 1024 * 1024,
  maxPages: 100,
  maxItems: 10_000,
};
