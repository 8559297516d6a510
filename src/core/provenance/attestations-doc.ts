import { z } from 'zod';
import { isObject } from './statement.js';

/** One entry of the registry's attestations response. */
export interface AttestationEntry {
  predicateType: string;
  bundle: Record<string, unknown>;
}

/** The `/-/npm/v1/attestations/<name>@<version>` response shape; also what snapshots store. */
export interface AttestationsDoc {
  attestations: AttestationEntry[];
}

export const BUNDLE_MEDIA_TYPE_PREFIX = 'application/vnd.dev.sigstore.bundle';

export function isBundleLike(v: unknown): v is Record<string, unknown> {
  return isObject(v) && typeof v['mediaType'] === 'string' && v['mediaType'].startsWith(BUNDLE_MEDIA_TYPE_PREFIX);
}

/** The predicate type a bundle's (unverified) DSSE payload declares, used only as a label. */
export function declaredPredicateType(bundle: Record<string, unknown>): string {
  const env = bundle['dsseEnvelope'];
  if (!isObject(env) || typeof env['payload'] !== 'string') return '';
  try {
    const p = JSON.parse(Buffer.from(env['payload'], 'base64').toString('utf8')) as unknown;
    return isObject(p) && typeof p['predicateType'] === 'string' ? p['predicateType'] : '';
  } catch {
    return '';
  }
}

/**
 * Accepts the registry response, a bare bundle, or a list of bundles, and returns the response
 * shape; null when the value is none of these. Reasons are returned for error messages.
 */
export function toAttestationsDoc(value: unknown): { doc: AttestationsDoc } | { error: string } {
  if (isBundleLike(value))
    return { doc: { attestations: [{ predicateType: declaredPredicateType(value), bundle: value }] } };
  if (Array.isArray(value)) return fromBundles(value);
  if (!isObject(value)) return { error: 'expected a JSON object' };
  if (!Array.isArray(value['attestations'])) {
    if (typeof value['mediaType'] === 'string')
      return {
        error: `unknown media type "${value['mediaType'].slice(0, 100)}" (expected ${BUNDLE_MEDIA_TYPE_PREFIX}…)`,
      };
    return { error: 'expected {"attestations":[…]}, a Sigstore bundle, or JSON Lines of bundles' };
  }
  const out: AttestationEntry[] = [];
  for (const [i, a] of value['attestations'].entries()) {
    if (!isObject(a) || !isObject(a['bundle']))
      return { error: `attestations[${i}]: expected {predicateType, bundle}` };
    const bundle = a['bundle'];
    if (!isBundleLike(bundle))
      return { error: `attestations[${i}].bundle: unknown media type "${String(bundle['mediaType']).slice(0, 100)}"` };
    out.push({
      predicateType: typeof a['predicateType'] === 'string' ? a['predicateType'] : declaredPredicateType(bundle),
      bundle,
    });
  }
  return { doc: { attestations: out } };
}

function fromBundles(values: unknown[]): { doc: AttestationsDoc } | { error: string } {
  const out: AttestationEntry[] = [];
  for (const [i, b] of values.entries()) {
    if (!isBundleLike(b))
      return {
        error: `bundle ${i + 1}: ${isObject(b) && typeof b['mediaType'] === 'string' ? `unknown media type "${b['mediaType'].slice(0, 100)}"` : 'not a Sigstore bundle'}`,
      };
    out.push({ predicateType: declaredPredicateType(b), bundle: b });
  }
  return { doc: { attestations: out } };
}

/** Lenient schema of a stored attestations.json (the bundles themselves are checked by the verifier). */
export const AttestationsFile = z
  .object({
    attestations: z.array(
      z.object({ predicateType: z.string(), bundle: z.record(z.string(), z.unknown()) }).passthrough(),
    ),
  })
  .passthrough();
