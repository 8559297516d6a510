/**
 * How long mcp-vet waits for the network. Every HTTP request of pacote, arborist and
 * npm-registry-fetch goes through one agent that enforces them (deadline-agent.ts); a stage made of
 * many requests (the dependency closure, the install of a closure for a snapshot) has its own total.
 */
export interface NetworkDeadlines {
  /** one request, from connecting to its last byte */
  requestMs: number;
  /** one stage of many requests */
  stageMs: number;
  /** bytes per second a response body must keep up, averaged over each `rateWindowMs` */
  minBytesPerSecond: number;
  rateWindowMs: number;
}

/**
 * Defaults a CI gate can live with: a registry that never answers ends the run (exit 3) after one
 * request deadline, a body that drips ends after one rate window.
 */
export const DEFAULT_DEADLINES: NetworkDeadlines = {
  requestMs: 30_000,
  stageMs: 120_000,
  minBytesPerSecond: 1024,
  rateWindowMs: 10_000,
};

/** `30 s`, `1.5 s`, `250 ms`: for messages. */
export function formatDuration(ms: number): string {
  return ms >= 1000 ? `${Number((ms / 1000).toFixed(1))} s` : `${ms} ms`;
}
