import { digestOf } from '../core/canonical-json.js';
import { isVetError } from '../core/errors.js';
import { finding, type Finding } from '../core/findings/finding.js';
import { atLeast } from '../core/findings/severity.js';
import { sha512Hex } from '../core/package/integrity.js';
import { AttestationsFile } from '../core/provenance/attestations-doc.js';
import type { AllowlistEntry } from '../core/workspace/allowlist-entry.js';
import type { ProvenanceTrust } from '../io/provenance/trust-material.js';
import type { VerifyPool } from '../io/provenance/verify-pool.js';
import type { RegistryClient, VersionManifest } from '../io/registry.js';
import type { Workspace } from '../io/workspace.js';
import { provenanceStep } from './provenance-step.js';

export interface ReverifyContext {
  workspace: Workspace;
  /** null with --offline: only the stored evidence is checked, the registry is never asked */
  registry: RegistryClient | null;
  /** loaded once per run; needed when a pin has verified provenance */
  trust: () => Promise<ProvenanceTrust>;
  /** worker threads for the signature checks, when there are many pins */
  pool?: VerifyPool | null;
}

/**
 * Re-verifies one pin from its stored evidence: lock.json must have the pinned digest,
 * package.json the pinned integrity, attestations.json (when the pin says verified) must verify
 * offline for the pinned bytes and identity. Online, the tarball is also fetched again (bypassing
 * the cache) and must still match the pinned integrity. Any failure is one
 * `config/pin-verification-failed` finding listing the reasons; an unreachable registry throws.
 */
export async function reverifyPin(ctx: ReverifyContext, pin: AllowlistEntry): Promise<Finding[]> {
  const label = `${pin.name}@${pin.version}`;
  const reasons: string[] = [];
  const ws = ctx.workspace;
  const dir = ws.display(ws.snapshotDir(pin.name, pin.version));
  const lock = await evidence(() => ws.readLock(pin.name, pin.version), reasons);
  if (lock === null) reasons.push(`${dir}/lock.json is missing`);
  else if (lock && digestOf('lock', 1, lock.packages) !== pin.dependencies.digest)
    reasons.push(`${dir}/lock.json does not have the pinned dependency digest ${pin.dependencies.digest}`);
  const meta = await evidence(() => ws.readPackageMeta(pin.name, pin.version), reasons);
  if (meta === null) reasons.push(`${dir}/package.json is missing`);
  else if (meta && (meta.integrity !== pin.integrity || meta.name !== pin.name || meta.version !== pin.version))
    reasons.push(
      `${dir}/package.json describes ${meta.name}@${meta.version} with integrity ${meta.integrity}, not the pinned ${pin.integrity}`,
    );
  let sha512 = pin.integrity.startsWith('sha512-')
    ? Buffer.from(pin.integrity.slice(7), 'base64').toString('hex')
    : null;
  let manifest: VersionManifest | undefined;
  if (ctx.registry) {
    const fetched = await fetchPinned(ctx.registry, pin, reasons);
    if (fetched) {
      manifest = fetched.manifest;
      sha512 = sha512Hex(fetched.tarball);
    }
  }
  if (pin.provenance.status === 'verified') {
    const stored = await evidence(
      () => ws.readSnapshotFile(pin.name, pin.version, 'attestations.json', AttestationsFile),
      reasons,
    );
    if (stored === null)
      reasons.push(`${dir}/attestations.json is missing, but the pin says its provenance was verified`);
    else if (stored && !sha512)
      reasons.push(`the pinned integrity is not sha512, so the attestation subject cannot be checked`);
    else if (stored && sha512) {
      const outcome = await provenanceStep(
        ctx.registry,
        {
          name: pin.name,
          version: pin.version,
          sha512,
          packageJson: meta?.repository ? { repository: meta.repository } : null,
          ...(manifest ? { manifest } : {}),
        },
        {
          attestations: stored as { attestations: Array<{ predicateType: string; bundle: Record<string, unknown> }> },
          pinned: pin.provenance,
          trust: await ctx.trust(),
          ...(ctx.pool ? { pool: ctx.pool } : {}),
        },
      );
      for (const f of outcome.findings) if (atLeast(f.severity, 'high')) reasons.push(`${f.code}: ${f.message}`);
      if (outcome.pin.status !== 'verified' && !outcome.findings.some((f) => atLeast(f.severity, 'high')))
        reasons.push(`${dir}/attestations.json no longer verifies`);
    }
  }
  if (reasons.length === 0) return [];
  return [
    finding('config/pin-verification-failed', {
      subject: label,
      message: `${label} fails re-verification: ${reasons[0]}${reasons.length > 1 ? ` (and ${reasons.length - 1} more)` : ''}`,
      location: { kind: 'allowlist', name: pin.name, file: ws.display(ws.entryFile(pin.name)) },
      evidence: { reasons },
    }),
  ];
}

/** Reads one evidence file; a file that is there but invalid is a reason, not an error. undefined = invalid. */
async function evidence<T>(read: () => Promise<T | null>, reasons: string[]): Promise<T | null | undefined> {
  try {
    return await read();
  } catch (err) {
    if (isVetError(err) && err.code === 'INVALID_FILE') {
      reasons.push(err.message);
      return undefined;
    }
    throw err;
  }
}

/** The pinned version and its tarball, fetched again from the registry; failures other than an unreachable registry are reasons. */
async function fetchPinned(
  registry: RegistryClient,
  pin: AllowlistEntry,
  reasons: string[],
): Promise<{ manifest: VersionManifest; tarball: Buffer } | null> {
  const label = `${pin.name}@${pin.version}`;
  try {
    const { manifest } = await registry.resolve({ name: pin.name, wanted: pin.version, kind: 'version' });
    const published = (manifest.dist.integrity ?? '').split(/\s+/);
    if (!published.includes(pin.integrity))
      reasons.push(
        `the registry now reports integrity ${manifest.dist.integrity ?? '(none)'} for ${label}, pinned as ${pin.integrity}`,
      );
    const tarball = await registry.tarball(manifest, pin.integrity, { fresh: true });
    return { manifest, tarball };
  } catch (err) {
    if (!isVetError(err)) throw err;
    if (err.code === 'VERIFICATION_FAILED')
      reasons.push(`the registry serves bytes for ${label} that do not match the pinned integrity ${pin.integrity}`);
    else if (err.code === 'NOT_FOUND') reasons.push(`${label} is no longer in the registry (unpublished?)`);
    else throw err;
    return null;
  }
}
