import { parentPort, workerData } from 'node:worker_threads';
import { isVetError } from '../../core/errors.js';
import { createBundleVerifier, type BundleVerifier } from './bundle-verifier.js';
import { loadProvenanceTrust, type TrustOptions } from './trust-material.js';
import type { VerifyReply, VerifyRequest } from './verify-pool.js';

/**
 * One thread of the verification pool: builds the trust material and its Verifier once, then
 * verifies the bundles it is sent, exactly as bundle-verifier.ts does on the main thread.
 */
const port = parentPort;
if (!port) throw new Error('verify-worker.js runs as a worker thread');
let verifier: Promise<BundleVerifier> | undefined;
port.on('message', (req: VerifyRequest) => {
  verifier ??= loadProvenanceTrust(workerData as TrustOptions).then(createBundleVerifier);
  verifier
    .then((v): VerifyReply => ({ id: req.id, result: v.verify(req.bundle, req.label) }))
    .catch((err: unknown): VerifyReply => {
      const e = err as Error;
      return {
        id: req.id,
        error: isVetError(err)
          ? { code: err.code, message: err.message, details: { ...err.details } }
          : { message: e?.message ?? String(err) },
      };
    })
    .then((reply) => port.postMessage(reply));
});
