import { digestOf } from '../canonical-json.js';
import { canonicalManifest } from '../manifest/canonical.js';
import type { Manifest } from '../manifest/format.js';
import type { RunPin } from './run-pin.js';

/** The stored evidence of one pin as parsed JSON (null: the file is not there). */
export interface StoredEvidence {
  lock: unknown;
  meta: unknown;
  manifest: unknown;
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);

/**
 * What does not hold between a pin and its stored lock, package metadata and manifest: the lock's
 * digest and count, the package's name, version and integrity, the manifest's recomputed digest.
 * Each problem names the file. Pure; attestations are checked by the caller (they need Sigstore).
 */
export function evidenceProblems(pin: RunPin, evidence: StoredEvidence, dir: string): string[] {
  const problems: string[] = [];
  const lock = evidence.lock;
  if (lock === null) problems.push(`${dir}/lock.json is missing`);
  else if (!isObj(lock) || !isObj(lock['packages']) || !isObj(lock['root']))
    problems.push(`${dir}/lock.json is not a lock file`);
  else {
    const root = lock['root'];
    if (root['name'] !== pin.name || root['version'] !== pin.version)
      problems.push(`${dir}/lock.json is the lock of ${String(root['name'])}@${String(root['version'])}`);
    if (digestOf('lock', 1, lock['packages']) !== pin.dependencies.digest)
      problems.push(`${dir}/lock.json does not have the pinned dependency digest ${pin.dependencies.digest}`);
    else if (Object.keys(lock['packages']).length !== pin.dependencies.count)
      problems.push(`${dir}/lock.json does not have the pinned ${pin.dependencies.count} packages`);
  }
  const meta = evidence.meta;
  if (meta === null) problems.push(`${dir}/package.json is missing`);
  else if (!isObj(meta) || meta['name'] !== pin.name || meta['version'] !== pin.version)
    problems.push(`${dir}/package.json does not describe ${pin.name}@${pin.version}`);
  else if (meta['integrity'] !== pin.integrity)
    problems.push(`${dir}/package.json has integrity ${String(meta['integrity'])}, pinned ${pin.integrity}`);
  if (pin.manifest.status === 'captured') {
    const manifest = evidence.manifest;
    if (manifest === null) problems.push(`${dir}/manifest.json is missing`);
    else if (!isManifest(manifest)) problems.push(`${dir}/manifest.json is not a manifest`);
    else if (canonicalManifest(manifest).digests?.manifest !== pin.manifest.digest)
      problems.push(`${dir}/manifest.json does not have the pinned manifest digest ${String(pin.manifest.digest)}`);
  }
  return problems;
}

function isManifest(v: unknown): v is Manifest {
  if (!isObj(v)) return false;
  const lists = ['tools', 'prompts', 'resources', 'resourceTemplates'];
  return (
    isObj(v['serverInfo']) &&
    isObj(v['capabilities']) &&
    typeof v['protocolVersion'] === 'string' &&
    lists.every((k) => Array.isArray(v[k]) && (v[k] as unknown[]).every(isObj))
  );
}
