import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * The requests a stage has in flight, so that a stage that runs out of time can name what it was
 * waiting for. The deadline agent registers each request it sends in the stage whose async context
 * sent it (npm's libraries create the request synchronously from that context).
 */
export class StageRequests {
  private readonly open = new Set<{ request: string }>();

  /** Records `request` as in flight; the returned function marks it done. */
  start(request: string): () => void {
    const entry = { request };
    this.open.add(entry);
    return () => this.open.delete(entry);
  }

  /** The requests still in flight, in the order they were sent, each once. */
  pending(): string[] {
    return [...new Set([...this.open].map((e) => e.request))];
  }
}

const current = new AsyncLocalStorage<StageRequests>();

/** Runs `fn` with `requests` as the stage of every request it sends. */
export function inStage<T>(requests: StageRequests, fn: () => T): T {
  return current.run(requests, fn);
}

/** The stage of the running async context, if any. */
export function currentStage(): StageRequests | undefined {
  return current.getStore();
}
