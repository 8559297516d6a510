import { VetError } from '../../core/errors.js';
import { toAttestationsDoc, type AttestationsDoc } from '../../core/provenance/attestations-doc.js';
import { parseRegistryKeys, type RegistryKey } from '../../core/provenance/registry-keys.js';
import type { RegistryClient } from '../registry.js';

/** `/-/npm/v1/attestations/<name>@<version>` with the scope slash escaped, as npm asks for it. */
export function attestationsPath(name: string, version: string): string {
  return `/-/npm/v1/attestations/${name.replace('/', '%2f')}@${encodeURIComponent(version)}`;
}

/**
 * Fetches the attestations of a version from `registryUrl`; null when the registry answers 404
 * (it serves none for this version, or does not serve the endpoint at all).
 */
export async function fetchAttestations(
  registry: RegistryClient,
  name: string,
  version: string,
  registryUrl: string,
): Promise<AttestationsDoc | null> {
  const data = await registry.getJson(attestationsPath(name, version), registryUrl);
  if (data === null) return null;
  const result = toAttestationsDoc(data);
  if ('error' in result) {
    throw new VetError(
      'REGISTRY_ERROR',
      `${name}@${version}: attestations from ${registryUrl} are not readable: ${result.error}`,
      { details: { package: `${name}@${version}`, registry: registryUrl } },
    );
  }
  return result.doc.attestations.length === 0 ? null : result.doc;
}

/** The registry's signing keys from `/-/npm/v1/keys`; empty when it does not serve them. */
export async function fetchRegistryKeys(registry: RegistryClient, registryUrl: string): Promise<RegistryKey[]> {
  try {
    return parseRegistryKeys(await registry.getJson('/-/npm/v1/keys', registryUrl));
  } catch {
    return [];
  }
}
