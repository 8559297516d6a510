import { behaviourDigest, type BehaviourRecord } from '../behaviour/record.js';
import { digestOf } from '../canonical-json.js';
import { finding, type Finding } from '../findings/finding.js';
import { canonicalManifest } from '../manifest/canonical.js';
import type { Manifest } from '../manifest/format.js';
import { unsafeEntryFindings } from '../package-diff/unsafe-entries.js';
import type { AttestationsDoc } from '../provenance/attestations-doc.js';
import { parseStatement } from '../provenance/statement.js';
import { checkSubject } from '../provenance/subject-check.js';
import type { AllowlistEntry } from '../workspace/allowlist-entry.js';
import type { LockFile } from '../workspace/lock-file.js';
import type { PackageMeta } from '../workspace/package-meta.js';
import { pinnedBytesFindings } from './pinned-bytes.js';

/** One evidence file of a pin as read: missing, not what it should be (with why), or its content. */
export type StoredFile<T> =
  | { file: string; state: 'missing' }
  | { file: string; state: 'invalid'; error: string }
  | { file: string; state: 'read'; value: T };

/** The evidence files stored for a pinned version in snapshots/<name>/<version>/. */
export interface PinnedFiles {
  lock: StoredFile<LockFile>;
  meta: StoredFile<PackageMeta>;
  manifest: StoredFile<Manifest>;
  attestations: StoredFile<AttestationsDoc>;
  behaviour: StoredFile<BehaviourRecord>;
}

/** The evidence that holds for the pin: each part present only when it matches the allowlist entry. */
export interface PinnedEvidence {
  pin: AllowlistEntry;
  lock?: LockFile;
  meta?: PackageMeta;
  /** the baseline manifest; only when the pin says it was captured and the file has its digest */
  manifest?: Manifest;
  /** only when the pin says its provenance was verified and the file is about the pinned bytes */
  attestations?: AttestationsDoc;
  /** what the pinned version attempted at start-up; only when the pin records its digest and the file has it */
  behaviour?: BehaviourRecord;
  /** evidence/mismatch findings (and what the stored evidence itself records, e.g. unsafe entries) */
  findings: Finding[];
}

/**
 * Checks each stored file against the allowlist entry: the lock's digest and count, the package
 * metadata's name, version and integrity, the manifest's digest and counts (when captured), the
 * attestations' subject (when verified), the behaviour record's digest and tracer (when the pin
 * records them; older pins have none). A file that does not hold is a critical finding naming
 * it, and is not used as a baseline. Pure and cheap: no signature is verified here.
 */
export function assessPinnedEvidence(pin: AllowlistEntry, files: PinnedFiles): PinnedEvidence {
  const subject = `${pin.name}@${pin.version}`;
  const findings: Finding[] = [];
  const out: PinnedEvidence = { pin, findings };
  const mismatch = (file: string, why: string, evidence: Record<string, unknown> = {}) =>
    findings.push(
      finding('evidence/mismatch', {
        subject,
        message: `${file} ${why}`,
        location: { kind: 'file', file },
        evidence: { file, ...evidence },
      }),
    );
  const unusable = (f: StoredFile<unknown>, required: string): boolean => {
    if (f.state === 'missing') mismatch(f.file, `is missing, but ${required}`);
    else if (f.state === 'invalid') mismatch(f.file, `is not valid evidence: ${f.error}`);
    return f.state !== 'read';
  };

  const lock = files.lock;
  if (!unusable(lock, 'every pin records its dependency closure')) {
    const value = (lock as { value: LockFile }).value;
    const digest = digestOf('lock', 1, value.packages);
    const count = Object.keys(value.packages).length;
    if (digest !== pin.dependencies.digest)
      mismatch(lock.file, `does not have the pinned dependency digest ${pin.dependencies.digest}`, {
        expected: pin.dependencies.digest,
        found: digest,
      });
    else if (count !== pin.dependencies.count)
      mismatch(lock.file, `lists ${count} packages, the pin ${pin.dependencies.count}`, {
        expected: pin.dependencies.count,
        found: count,
      });
    else if (value.root.name !== pin.name || value.root.version !== pin.version)
      mismatch(lock.file, `is the closure of ${value.root.name}@${value.root.version}, not ${subject}`);
    else out.lock = value;
  }

  const meta = files.meta;
  if (!unusable(meta, 'every pin records its package metadata')) {
    const value = (meta as { value: PackageMeta }).value;
    const stored = { name: value.name, version: value.version, integrity: value.integrity, file: meta.file };
    const bytes = pinnedBytesFindings(pin, { stored });
    findings.push(...bytes);
    if (bytes.length === 0) {
      out.meta = value;
      // What the tarball held when it was pinned stays a finding every time the pin is checked.
      if (value.unsafeEntries?.length) findings.push(...storedUnsafeEntries(subject, value));
    }
  }

  const manifest = files.manifest;
  if (pin.manifest.status === 'captured' && !unusable(manifest, 'the pin says its manifest was captured')) {
    const value = (manifest as { value: Manifest }).value;
    const { $schema: _s, probe: _p, digests: _d, formatVersion: _f, lists: _l, ...content } = value;
    const digest = canonicalManifest(content).digests?.manifest;
    const counts = { tools: value.tools.length, prompts: value.prompts.length, resources: value.resources.length };
    if (pin.manifest.digest !== undefined && digest !== pin.manifest.digest)
      mismatch(manifest.file, `does not have the pinned manifest digest ${pin.manifest.digest}`, {
        expected: pin.manifest.digest,
        found: digest,
      });
    else if (
      (pin.manifest.tools !== undefined && pin.manifest.tools !== counts.tools) ||
      (pin.manifest.prompts !== undefined && pin.manifest.prompts !== counts.prompts) ||
      (pin.manifest.resources !== undefined && pin.manifest.resources !== counts.resources)
    )
      mismatch(
        manifest.file,
        `has ${counts.tools} tools, ${counts.prompts} prompts and ${counts.resources} resources; the pin records ${pin.manifest.tools ?? '?'}, ${pin.manifest.prompts ?? '?'} and ${pin.manifest.resources ?? '?'}`,
      );
    else out.manifest = value;
  }

  const attestations = files.attestations;
  if (pin.provenance.status === 'verified' && !unusable(attestations, 'the pin says its provenance was verified')) {
    const value = (attestations as { value: AttestationsDoc }).value;
    const problem = subjectProblem(pin, value);
    if (problem) mismatch(attestations.file, problem);
    else out.attestations = value;
  }

  const behaviour = files.behaviour;
  if (pin.behaviour && !unusable(behaviour, 'the pin records its behaviour digest')) {
    const value = (behaviour as { value: BehaviourRecord }).value;
    const digest = behaviourDigest(value);
    if (digest !== pin.behaviour.digest)
      mismatch(behaviour.file, `does not have the pinned behaviour digest ${pin.behaviour.digest}`, {
        expected: pin.behaviour.digest,
        found: digest,
      });
    else if (value.tracer !== pin.behaviour.tracer)
      mismatch(behaviour.file, `was recorded with ${value.tracer}, the pin says ${pin.behaviour.tracer}`);
    else out.behaviour = value;
  }
  return out;
}

/** The unsafe entries recorded in the stored package metadata, reported again on every check. */
function storedUnsafeEntries(subject: string, meta: PackageMeta): Finding[] {
  const entries = meta.unsafeEntries ?? [];
  return unsafeEntryFindings(subject, {
    subject,
    meta,
    files: entries
      .filter((e) => e.kind !== 'outside')
      .map((e) => ({
        path: e.path,
        type: e.kind === 'symlink' ? 'symlink' : e.kind === 'hardlink' ? 'link' : 'other',
        size: 0,
        sha256: '',
        ...(e.linkpath !== undefined ? { linkpath: e.linkpath } : {}),
      })),
    unsafePaths: entries.filter((e) => e.kind === 'outside').map((e) => e.path),
  });
}

/** Why the stored attestations are not about the pinned bytes, or null. Only sha512 pins can be checked. */
function subjectProblem(pin: AllowlistEntry, doc: AttestationsDoc): string | null {
  if (doc.attestations.length === 0) return 'holds no attestation';
  if (!pin.integrity.startsWith('sha512-')) return null;
  const sha512 = Buffer.from(pin.integrity.slice(7), 'base64').toString('hex');
  for (const [i, a] of doc.attestations.entries()) {
    const payload = dssePayload(a.bundle);
    const statement = payload ? parseStatement(payload) : null;
    if (!statement) return `attestation ${i + 1} has no readable statement`;
    const bad = checkSubject(statement, { name: pin.name, version: pin.version, sha512 }, `attestation ${i + 1}`);
    if (bad.length > 0) return `attestation ${i + 1} is not about the pinned bytes: ${bad[0]!.message}`;
  }
  return null;
}

function dssePayload(bundle: Record<string, unknown>): Uint8Array | null {
  const envelope = bundle['dsseEnvelope'];
  if (!envelope || typeof envelope !== 'object') return null;
  const payload = (envelope as Record<string, unknown>)['payload'];
  return typeof payload === 'string' ? Buffer.from(payload, 'base64') : null;
}
