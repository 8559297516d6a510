import type { z } from 'zod';
import {
  assessPinnedEvidence,
  type PinnedEvidence,
  type PinnedFiles,
  type StoredFile,
} from '../../core/assess/pinned-evidence.js';
import { BehaviourRecord } from '../../core/behaviour/record.js';
import { isVetError } from '../../core/errors.js';
import { Manifest } from '../../core/manifest/format.js';
import { AttestationsFile } from '../../core/provenance/attestations-doc.js';
import type { AllowlistEntry } from '../../core/workspace/allowlist-entry.js';
import { LockFile } from '../../core/workspace/lock-file.js';
import { PackageMeta } from '../../core/workspace/package-meta.js';
import type { SnapshotFiles, Workspace } from '../../io/workspace.js';

/** Each evidence file of a pin and the schema it must satisfy; one more file is one more line. */
const EVIDENCE = {
  lock: ['lock.json', LockFile],
  meta: ['package.json', PackageMeta],
  manifest: ['manifest.json', Manifest],
  attestations: ['attestations.json', AttestationsFile],
  behaviour: ['behaviour.json', BehaviourRecord],
} as const satisfies Record<keyof PinnedFiles, readonly [keyof SnapshotFiles, z.ZodType]>;

/**
 * The one pinned-evidence loader, used by every command that reads snapshots/ (check, offline
 * too; verify; approve; drift): reads each file of the pin and checks it against the allowlist
 * entry. A file that does not hold is a critical `evidence/mismatch` finding naming it, and is
 * never used as a baseline.
 */
export async function loadPinnedEvidence(workspace: Workspace, pin: AllowlistEntry): Promise<PinnedEvidence> {
  const dir = workspace.display(workspace.snapshotDir(pin.name, pin.version));
  const entries = await Promise.all(
    Object.entries(EVIDENCE).map(async ([key, [file, schema]]) => {
      const shown = `${dir}/${file}`;
      let stored: StoredFile<unknown>;
      try {
        const value: unknown = await workspace.readSnapshotFile(pin.name, pin.version, file, schema);
        stored = value === null ? { file: shown, state: 'missing' } : { file: shown, state: 'read', value };
      } catch (err) {
        if (!isVetError(err) || err.code !== 'INVALID_FILE') throw err;
        stored = { file: shown, state: 'invalid', error: err.message };
      }
      return [key, stored] as const;
    }),
  );
  return assessPinnedEvidence(pin, Object.fromEntries(entries) as unknown as PinnedFiles);
}
