import { decodeDerString, decodeRawString } from './der-string.js';
import type { SignerIdentity } from './identity.js';

/** One certificate extension: dotted OID and the raw bytes of its extnValue OCTET STRING. */
export interface CertificateExtension {
  oid: string;
  value: Uint8Array;
}

const FULCIO = '1.3.6.1.4.1.57264.1.';

/** Fulcio OIDs (https://github.com/sigstore/fulcio/blob/main/docs/oid-info.md). */
const OID = {
  issuerLegacy: 1,
  triggerLegacy: 2,
  shaLegacy: 3,
  workflowNameLegacy: 4,
  repositoryLegacy: 5,
  refLegacy: 6,
  issuer: 8,
  buildSignerUri: 9,
  buildSignerDigest: 10,
  runnerEnvironment: 11,
  sourceRepositoryUri: 12,
  sourceRepositoryDigest: 13,
  sourceRepositoryRef: 14,
  sourceRepositoryId: 15,
  sourceRepositoryOwnerUri: 16,
  sourceRepositoryOwnerId: 17,
  buildConfigUri: 18,
} as const;

/**
 * Reads the signer identity from a Fulcio certificate's extensions. Extensions .1.8 onwards are
 * DER strings; certificates from before late 2023 carry only the legacy .1.1–.1.6 raw values,
 * which are used as fallbacks. `san` is the certificate's URI subject alternative name.
 */
export function identityFromExtensions(extensions: readonly CertificateExtension[], san?: string): SignerIdentity {
  const der = new Map<number, string>();
  const raw = new Map<number, string>();
  for (const ext of extensions) {
    if (!ext.oid.startsWith(FULCIO)) continue;
    const arc = Number(ext.oid.slice(FULCIO.length));
    if (!Number.isInteger(arc)) continue;
    if (arc >= 8) der.set(arc, decodeDerString(ext.value, ext.oid));
    else raw.set(arc, decodeRawString(ext.value));
  }
  const id: SignerIdentity = {};
  const issuer = der.get(OID.issuer) ?? raw.get(OID.issuerLegacy);
  if (issuer) id.issuer = issuer;
  const repository = der.get(OID.sourceRepositoryUri) ?? legacyRepository(raw.get(OID.repositoryLegacy), san, issuer);
  if (repository) id.repository = repository;
  const repositoryId = der.get(OID.sourceRepositoryId);
  if (repositoryId) id.repositoryId = repositoryId;
  const ownerId = der.get(OID.sourceRepositoryOwnerId);
  if (ownerId) id.ownerId = ownerId;
  const workflow = workflowPath(der.get(OID.buildConfigUri) ?? san, repository);
  if (workflow) id.workflow = workflow;
  const ref = der.get(OID.sourceRepositoryRef) ?? raw.get(OID.refLegacy);
  if (ref) id.ref = ref;
  const commit = der.get(OID.sourceRepositoryDigest) ?? raw.get(OID.shaLegacy);
  if (commit) id.commit = commit;
  const runner = der.get(OID.runnerEnvironment);
  if (runner) id.runner = runner;
  return id;
}

/** Legacy certificates name the repository as owner/repo; the URL comes from the SAN (GitHub). */
function legacyRepository(
  ownerRepo: string | undefined,
  san: string | undefined,
  issuer: string | undefined,
): string | undefined {
  if (san) {
    const i = san.indexOf('/.github/workflows/');
    if (i > 0) return san.slice(0, i);
  }
  if (ownerRepo && issuer === 'https://token.actions.githubusercontent.com') return `https://github.com/${ownerRepo}`;
  return undefined;
}

/** `https://host/owner/repo/.github/workflows/x.yml@refs/…` -> `.github/workflows/x.yml`. */
export function workflowPath(uri: string | undefined, repository: string | undefined): string | undefined {
  if (!uri) return undefined;
  const at = uri.lastIndexOf('@');
  const noRef = at > 0 ? uri.slice(0, at) : uri;
  if (repository && noRef.toLowerCase().startsWith(repository.toLowerCase() + '/'))
    return noRef.slice(repository.length + 1).replace(/^\/+/, '');
  const i = noRef.indexOf('/.github/workflows/');
  if (i > 0) return noRef.slice(i + 1);
  return undefined;
}
