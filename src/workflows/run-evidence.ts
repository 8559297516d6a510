import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { VetError } from '../core/errors.js';
import { evidenceProblems } from '../core/run/pin-evidence.js';
import type { RunPin } from '../core/run/run-pin.js';
import type { RunWorkspace } from './run-locate.js';

export interface VerifiedEvidence {
  /** the parsed lock.json (installed on a cold start) */
  lock: unknown;
  /** sha256 of attestations.json, when the pin's provenance is verified and the file verified */
  attestations?: string;
}

/**
 * Does the stored evidence of a pin verify? lock.json, package.json and manifest.json are checked
 * against the entry (digests, counts, integrity) on every start — pure and cheap; attestations.json
 * (pinned as verified) is verified offline with Sigstore, unless its bytes are the ones already
 * verified when the cached tree was installed (`verifiedAttestations`).
 * This is the one place `run` asks the question; a shared pinned-evidence loader replaces it here.
 */
export async function verifyRunEvidence(
  ws: RunWorkspace,
  pin: RunPin,
  verifiedAttestations: string | undefined,
): Promise<VerifiedEvidence> {
  if (!/^[0-9A-Za-z.+-]+$/.test(pin.version))
    throw new VetError('INVALID_FILE', `invalid version "${pin.version}" for ${pin.name}`);
  const dir = join(ws.snapshots, ...pin.name.split('/'), pin.version);
  const problems: string[] = [];
  const read = (file: string): { text: string | null; json: unknown } => {
    let text: string;
    try {
      text = readFileSync(join(dir, file), 'utf8');
    } catch {
      return { text: null, json: null };
    }
    try {
      return { text, json: JSON.parse(text) };
    } catch {
      problems.push(`${dir}/${file} is not valid JSON`);
      return { text, json: undefined };
    }
  };
  const lock = read('lock.json');
  const meta = read('package.json');
  const manifest = read('manifest.json');
  if (lock.json !== undefined && meta.json !== undefined && manifest.json !== undefined)
    problems.push(...evidenceProblems(pin, { lock: lock.json, meta: meta.json, manifest: manifest.json }, dir));
  let attestations: string | undefined;
  if (problems.length === 0 && pin.provenance.status === 'verified') {
    const stored = read('attestations.json');
    if (stored.text === null)
      problems.push(`${dir}/attestations.json is missing, but the pin says its provenance was verified`);
    else {
      attestations = createHash('sha256').update(stored.text).digest('hex');
      if (attestations !== verifiedAttestations) problems.push(...(await verifyAttestations(ws, pin)));
    }
  }
  if (problems.length > 0)
    throw new VetError(
      'EVIDENCE_INVALID',
      `${pin.name}@${pin.version}: the stored evidence does not verify: ${problems[0]}${problems.length > 1 ? ` (and ${problems.length - 1} more)` : ''}`,
      { details: { package: pin.name, file: dir } },
    );
  return { lock: lock.json, ...(attestations ? { attestations } : {}) };
}

/** The full offline re-verification of the pin's stored attestations (loads Sigstore). */
async function verifyAttestations(ws: RunWorkspace, pin: RunPin): Promise<string[]> {
  const [{ reverifyPin }, { Workspace }, { loadProvenanceTrust }] = await Promise.all([
    import('./check-pin.js'),
    import('../io/workspace.js'),
    import('../io/provenance/trust-material.js'),
  ]);
  const workspace = new Workspace({ allowlist: ws.allowlist, snapshots: ws.snapshots });
  const entry = await workspace.readEntry(pin.name);
  if (!entry) return [`the pin of ${pin.name} disappeared while starting`];
  const findings = await reverifyPin({ workspace, registry: null, trust: () => loadProvenanceTrust() }, entry);
  return findings.flatMap((f) => (f.evidence as { reasons?: string[] } | undefined)?.reasons ?? [f.message]);
}
