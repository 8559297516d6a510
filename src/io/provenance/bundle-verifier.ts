import type * as SigstoreBundle from '@sigstore/bundle';
import type { Bundle } from '@sigstore/bundle';
import type * as SigstoreVerify from '@sigstore/verify';
import { VetError } from '../../core/errors.js';
import type { BundleResult } from '../../core/provenance/evaluate.js';
import { identityFromExtensions } from '../../core/provenance/fulcio-identity.js';
import { IN_TOTO_PAYLOAD_TYPE, parseStatement, type Statement } from '../../core/provenance/statement.js';
import { lazyRequire } from '../lazy-require.js';
import type { ProvenanceTrust } from './trust-material.js';

const sigstoreBundle = lazyRequire<typeof SigstoreBundle>('@sigstore/bundle');
const sigstoreVerify = lazyRequire<typeof SigstoreVerify>('@sigstore/verify');

/** Verifies Sigstore bundles with one Verifier built from the trust material. Fully offline. */
export interface BundleVerifier {
  verify(bundleJson: unknown, label: string): BundleResult;
}

export function createBundleVerifier(trust: ProvenanceTrust): BundleVerifier {
  const { toSignedEntity, Verifier } = sigstoreVerify();
  const { bundleFromJSON } = sigstoreBundle();
  const verifier = new Verifier(trust.material);
  return {
    verify(bundleJson, label) {
      let bundle: Bundle;
      try {
        bundle = bundleFromJSON(bundleJson);
      } catch (err) {
        return { label, ok: false, error: `MALFORMED_BUNDLE: ${(err as Error).message}`, statement: null };
      }
      const statement = statementOf(bundle);
      checkKeyIds(bundle, trust, label);
      try {
        const signer = verifier.verify(toSignedEntity(bundle));
        const result: BundleResult = { label, ok: true, statement };
        const id = signer.identity;
        if (id?.oids) {
          const extensions = id.oids.map((o) => ({ oid: o.oid?.id.join('.') ?? '', value: o.value }));
          result.identity = identityFromExtensions(extensions, id.subjectAlternativeName);
        }
        if (
          statement &&
          bundle.content.$case === 'dsseEnvelope' &&
          bundle.content.dsseEnvelope.payloadType !== IN_TOTO_PAYLOAD_TYPE
        ) {
          return { label, ok: false, error: `PAYLOAD_TYPE: ${bundle.content.dsseEnvelope.payloadType}`, statement };
        }
        return result;
      } catch (err) {
        if (err instanceof VetError) throw err;
        const e = err as { code?: string; message?: string };
        return { label, ok: false, error: `${e.code ?? 'ERROR'}: ${e.message ?? String(err)}`, statement };
      }
    },
  };
}

function statementOf(bundle: Bundle): Statement | null {
  if (bundle.content.$case !== 'dsseEnvelope') return null;
  return parseStatement(bundle.content.dsseEnvelope.payload);
}

/** npm's rule: a non-empty DSSE keyid must name a registry key (the field is not signed). */
function checkKeyIds(bundle: Bundle, trust: ProvenanceTrust, label: string): void {
  if (bundle.content.$case !== 'dsseEnvelope') return;
  for (const sig of bundle.content.dsseEnvelope.signatures) {
    if (sig.keyid && !trust.attestationKeys.some((k) => k.keyid === sig.keyid)) {
      throw new VetError(
        'TRUST_MATERIAL',
        `${label}: signature keyid ${sig.keyid} is not a known npm attestation key; the trust material needs updating (upgrade mcp-vet)`,
        {
          details: { keyid: sig.keyid },
        },
      );
    }
  }
}

/** The time the transparency log recorded the first entry of a bundle, if any. */
export function integratedTime(bundleJson: unknown): Date | undefined {
  const entries = (bundleJson as { verificationMaterial?: { tlogEntries?: Array<{ integratedTime?: string }> } })
    ?.verificationMaterial?.tlogEntries;
  const t = Number(entries?.[0]?.integratedTime);
  return Number.isFinite(t) && t > 0 ? new Date(t * 1000) : undefined;
}
