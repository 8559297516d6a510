import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { VetError, type ErrorCode, type ErrorDetail } from '../../core/errors.js';
import type { BundleResult } from '../../core/provenance/evaluate.js';
import type { TrustOptions } from './trust-material.js';

/** Verifies Sigstore bundles on worker threads; each thread builds its own Verifier once. */
export interface VerifyPool {
  verify(bundleJson: unknown, label: string): Promise<BundleResult>;
  close(): Promise<void>;
}

export interface VerifyRequest {
  id: number;
  bundle: unknown;
  label: string;
}

export type VerifyReply =
  | { id: number; result: BundleResult }
  | { id: number; error: { code?: ErrorCode; message: string; details?: Record<string, ErrorDetail> } };

interface Thread {
  worker: Worker;
  pending: number;
}

/**
 * Signature checks are CPU-bound and synchronous; with many pins to re-verify they are spread over
 * the cores. Null when there is only one core (the caller verifies on the main thread). Threads are
 * started on creation (they load Sigstore while the caller reads its files) and do not keep the
 * process alive while idle.
 */
export function createVerifyPool(
  trust: TrustOptions,
  threads = Math.min(4, availableParallelism()),
): VerifyPool | null {
  if (threads < 2) return null;
  const pending = new Map<number, { resolve(r: BundleResult): void; reject(e: Error): void; thread: Thread }>();
  let nextId = 0;
  const pool: Thread[] = [];
  const fail = (thread: Thread, err: Error) => {
    for (const [id, p] of pending) {
      if (p.thread !== thread) continue;
      pending.delete(id);
      p.reject(new VetError('INTERNAL', `signature verification thread failed: ${err.message}`, { cause: err }));
    }
  };
  for (let i = 0; i < threads; i++) {
    const worker = new Worker(new URL('./verify-worker.js', import.meta.url), { workerData: trust });
    const thread: Thread = { worker, pending: 0 };
    worker.unref();
    worker.on('message', (reply: VerifyReply) => {
      const p = pending.get(reply.id);
      if (!p) return;
      pending.delete(reply.id);
      if (--thread.pending === 0) worker.unref();
      if ('result' in reply) p.resolve(reply.result);
      else
        p.reject(
          reply.error.code
            ? new VetError(reply.error.code, reply.error.message, { details: reply.error.details ?? {} })
            : new Error(reply.error.message),
        );
    });
    worker.on('error', (err) => fail(thread, err));
    worker.on('exit', (code) => fail(thread, new Error(`exited with code ${code}`)));
    pool.push(thread);
  }
  return {
    verify(bundle, label) {
      const thread = pool.reduce((a, b) => (b.pending < a.pending ? b : a));
      const id = nextId++;
      if (thread.pending++ === 0) thread.worker.ref();
      return new Promise<BundleResult>((resolve, reject) => {
        pending.set(id, { resolve, reject, thread });
        thread.worker.postMessage({ id, bundle, label } satisfies VerifyRequest);
      });
    },
    async close() {
      await Promise.all(pool.map((t) => t.worker.terminate()));
    },
  };
}
