import { behaviourDigest, storedBehaviour } from '../core/behaviour/record.js';
import { digestOf } from '../core/canonical-json.js';
import { ALLOWLIST_ENTRY_SCHEMA_ID, type AllowlistEntry } from '../core/workspace/allowlist-entry.js';
import type { LockFile } from '../core/workspace/lock-file.js';
import type { SnapshotFiles } from '../io/workspace.js';
import type { FetchedVersion } from './gather/fetch-version.js';
import type { SnapshotEvidence } from './gather/snapshot.js';
import type { ProvenanceOutcome } from './provenance-step.js';

/** The allowlist entry (without the approval) and the evidence files that pin a verified version. */
export function pinOf(
  fetched: FetchedVersion,
  lock: LockFile,
  provenance: ProvenanceOutcome,
  snapshot: SnapshotEvidence | null | undefined,
  base: Pick<AllowlistEntry, 'launch' | 'policy'>,
): { entry: Omit<AllowlistEntry, 'approved'>; evidence: SnapshotFiles } {
  // The record of the start that gave the manifest, stored and digest-pinned beside it.
  const behaviour = snapshot?.behaviour ? storedBehaviour(snapshot.behaviour) : undefined;
  return {
    entry: {
      $schema: ALLOWLIST_ENTRY_SCHEMA_ID,
      name: fetched.name,
      version: fetched.version,
      integrity: fetched.integrity,
      provenance: provenance.pin,
      manifest: snapshot ? snapshot.pin : { status: 'unchecked' },
      ...(behaviour ? { behaviour: { digest: behaviourDigest(behaviour), tracer: behaviour.tracer } } : {}),
      dependencies: {
        digest: digestOf('lock', 1, lock.packages),
        count: Object.keys(lock.packages).length,
        ...(snapshot?.treeDigest ? { tree: snapshot.treeDigest } : {}),
      },
      launch: base.launch,
      policy: base.policy,
    },
    evidence: {
      'lock.json': lock,
      'package.json': fetched.meta,
      'attestations.json': provenance.attestations,
      'manifest.json': snapshot?.manifest,
      'behaviour.json': behaviour,
    },
  };
}
