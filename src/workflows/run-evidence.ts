import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { VetError } from '../core/errors.js';
import type { RunPin } from '../core/run/run-pin.js';
import type { Ports } from './ports.js';
import type { LocatedPin, RunWorkspace } from './run-locate.js';

const FILES = ['lock.json', 'package.json', 'manifest.json', 'attestations.json', 'behaviour.json'] as const;

export interface VerifiedEvidence {
  /** lock.json as parsed (what a cold start installs) */
  lock: unknown;
}

/**
 * Does the stored evidence of a pin verify? Asked of the one pinned-evidence loader (every file
 * checked against the entry: digests, counts, integrity) and, for a pin with verified provenance,
 * the offline re-verification of its stored attestations. What passed is remembered by the digest
 * of the entry's and the evidence files' bytes (`<cache>/evidence/<digest>`), so a warm start with
 * the same bytes only reads and hashes six small files: no schema library, no Sigstore.
 */
export async function verifyRunEvidence(
  ws: RunWorkspace,
  located: LocatedPin,
  cache: string,
  ports: () => Promise<Ports>,
): Promise<VerifiedEvidence> {
  const pin = located.pin;
  const dir = snapshotDir(ws, pin);
  const hash = createHash('sha256').update(`${located.file}\n${located.text}\n`);
  const texts = new Map<string, string>();
  for (const file of FILES) {
    let text: string | null = null;
    try {
      text = readFileSync(join(dir, file), 'utf8');
      texts.set(file, text);
    } catch {
      text = null;
    }
    hash.update(`${file} ${text === null ? '-' : `${Buffer.byteLength(text)}\n${text}`}\n`);
  }
  const marker = join(cache, 'evidence', hash.digest('hex'));
  if (!existsSync(marker)) {
    const reasons = await loaderReasons(ws, pin, await ports());
    if (reasons.length > 0)
      throw new VetError(
        'EVIDENCE_INVALID',
        `${pin.name}@${pin.version}: the stored evidence does not verify: ${reasons[0]}${reasons.length > 1 ? ` (and ${reasons.length - 1} more)` : ''}; not starting it`,
        { details: { package: pin.name, file: dir } },
      );
    try {
      mkdirSync(join(cache, 'evidence'), { recursive: true });
      writeFileSync(marker, '');
    } catch {
      // a read-only cache verifies again next time
    }
  }
  const lockText = texts.get('lock.json');
  return { lock: lockText === undefined ? null : (JSON.parse(lockText) as unknown) };
}

function snapshotDir(ws: RunWorkspace, pin: RunPin): string {
  if (!/^[0-9A-Za-z.+-]+$/.test(pin.version))
    throw new VetError('INVALID_FILE', `invalid version "${pin.version}" for ${pin.name}`);
  return join(ws.snapshots, ...pin.name.split('/'), pin.version);
}

/** The loader's findings that block (high or critical), as one-line reasons. */
async function loaderReasons(ws: RunWorkspace, pin: RunPin, ports: Ports): Promise<string[]> {
  const [{ Workspace }, { loadPinnedEvidence }, { recheckPin }, { atLeast }] = await Promise.all([
    import('../io/workspace.js'),
    import('./gather/pinned-evidence.js'),
    import('./recheck-pin.js'),
    import('../core/findings/severity.js'),
  ]);
  const workspace = new Workspace({ allowlist: ws.allowlist, snapshots: ws.snapshots });
  const entry = await workspace.readEntry(pin.name);
  if (!entry) return [`the pin of ${pin.name} disappeared while starting`];
  const evidence = await loadPinnedEvidence(workspace, entry);
  const findings = [...evidence.findings, ...(await recheckPin(ports, evidence, false))];
  return findings.filter((f) => atLeast(f.severity, 'high')).map((f) => f.message);
}
