import type { AttestationsDoc } from '../../core/provenance/attestations-doc.js';
import type { BundleResult } from '../../core/provenance/evaluate.js';
import type { RegistryKey } from '../../core/provenance/registry-keys.js';
import { createBundleVerifier, type BundleVerifier } from './bundle-verifier.js';
import { loadProvenanceTrust, type ProvenanceTrust, type TrustOptions } from './trust-material.js';
import type { VerifyPool } from './verify-pool.js';

/** Below this many documents, starting threads costs more than it saves. */
const POOL_THRESHOLD = 16;

export interface TrustVerifier {
  verifyBundles(doc: AttestationsDoc): Promise<BundleResult[]>;
  signatureKeys(): Promise<RegistryKey[]>;
  expect(documents: number): void;
  close(): Promise<void>;
}

/**
 * The trust material (shipped, or --trusted-root), loaded on first use, and the bundle checks
 * done with it: on the main thread, or on worker threads when a run announced many documents.
 */
export function createTrustVerifier(options: TrustOptions = {}, loaded?: ProvenanceTrust): TrustVerifier {
  let trust: Promise<ProvenanceTrust> | undefined = loaded ? Promise.resolve(loaded) : undefined;
  let verifier: BundleVerifier | undefined;
  let pool: Promise<VerifyPool | null> | undefined;
  const load = () => (trust ??= loadProvenanceTrust(options));
  const label = (a: AttestationsDoc['attestations'][number], i: number) =>
    `attestation ${i + 1} (${a.predicateType || 'unknown predicate type'})`;
  return {
    async verifyBundles(doc) {
      const threads = pool ? await pool : null;
      if (threads) {
        const settled = await Promise.allSettled(doc.attestations.map((a, i) => threads.verify(a.bundle, label(a, i))));
        // As on the main thread: the first attestation (in order) that could not be checked stops it all.
        return settled.map((r) => {
          if (r.status === 'rejected') throw r.reason;
          return r.value;
        });
      }
      verifier ??= createBundleVerifier(await load());
      const v = verifier;
      return doc.attestations.map((a, i) => v.verify(a.bundle, label(a, i)));
    },
    async signatureKeys() {
      return (await load()).signatureKeys;
    },
    expect(documents) {
      // Threads build their own trust material from the options: not for material handed in loaded.
      if (documents < POOL_THRESHOLD || pool || loaded) return;
      // Started now, the threads load Sigstore while the caller reads its files.
      pool = import('./verify-pool.js').then((m) => m.createVerifyPool(options));
    },
    async close() {
      const threads = pool ? await pool : null;
      await threads?.close();
    },
  };
}
