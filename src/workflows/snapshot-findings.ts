import { compactCanonicalJson } from '../core/canonical-json.js';
import { finding, type Finding } from '../core/findings/finding.js';
import type { Manifest } from '../core/manifest/format.js';
import type { BehaviourDenial } from '../core/behaviour/record.js';
import { denyingLayer } from '../core/behaviour/denying-layer.js';

export interface DeniedAttempt {
  kind: 'network' | 'file-read' | 'file-write' | 'child-process' | 'worker' | 'other';
  detail: string;
}

const PERMISSION_KIND: Record<string, DeniedAttempt['kind']> = {
  FileSystemRead: 'file-read',
  FileSystemWrite: 'file-write',
  ChildProcess: 'child-process',
  WorkerThreads: 'worker',
};

/**
 * Traces of denied operations in a server's stderr: Node permission-model denials
 * (ERR_ACCESS_DENIED with the permission and resource) and network errors that only a
 * network namespace produces (unreachable network, failed DNS).
 */
export function deniedAttempts(stderr: string): DeniedAttempt[] {
  const out = new Map<string, DeniedAttempt>();
  for (const line of stderr.split('\n')) {
    if (line.includes('ERR_ACCESS_DENIED') || /permission:\s*'\w+'/.test(line)) {
      const perm = /\b(FileSystemRead|FileSystemWrite|ChildProcess|WorkerThreads)\b/.exec(line)?.[1];
      const kind = perm ? (PERMISSION_KIND[perm] ?? 'other') : 'other';
      add(out, { kind, detail: line.trim().slice(0, 300) });
    } else if (/\b(ENETUNREACH|EAI_AGAIN)\b|getaddrinfo ENOTFOUND/.test(line)) {
      add(out, { kind: 'network', detail: line.trim().slice(0, 300) });
    }
  }
  return [...out.values()];
}

function add(map: Map<string, DeniedAttempt>, attempt: DeniedAttempt): void {
  const key = `${attempt.kind}\u0000${attempt.detail}`;
  if (!map.has(key) && map.size < 50) map.set(key, attempt);
}

export function sandboxFindings(subject: string, stderr: string): Finding[] {
  const attempts = deniedAttempts(stderr);
  const kinds = [...new Set(attempts.map((a) => a.kind))].sort();
  return kinds.map((kind) =>
    finding('manifest/sandbox-denied', {
      subject,
      message: `${subject} attempted a denied operation (${kind}) while being listed; ${layerText(kind)}`,
      location: { kind: 'server', name: kind },
      evidence: {
        kind,
        ...layerEvidence(kind),
        attempts: attempts.filter((a) => a.kind === kind).map((a) => a.detail),
      },
    }),
  );
}

/** The same findings from the denials of a behaviour record (a start that failed has no stderr to read). */
export function recordedDenialFindings(subject: string, denials: readonly BehaviourDenial[]): Finding[] {
  const kinds = [...new Set(denials.map((d) => d.kind))].sort();
  return kinds.map((kind) =>
    finding('manifest/sandbox-denied', {
      subject,
      message: `${subject} attempted a denied operation (${kind}) before its start failed; ${layerText(kind)}`,
      location: { kind: 'server', name: kind },
      evidence: {
        kind,
        ...layerEvidence(kind),
        attempts: denials.filter((d) => d.kind === kind).map((d) => (d.resource ? `${kind} ${d.resource}` : kind)),
      },
    }),
  );
}

/** "denied by Node's permission model; --sandbox relaxed lifts …" */
function layerText(kind: DeniedAttempt['kind']): string {
  const l = denyingLayer(kind);
  return `denied by ${l.name}; ${l.lift}`;
}

function layerEvidence(kind: DeniedAttempt['kind']): { layer: string; lift: string } {
  const l = denyingLayer(kind);
  return { layer: l.layer, lift: l.lift };
}

/** Declared variables whose placeholder value shows up in the manifest. */
export function envEchoFindings(
  subject: string,
  manifest: Manifest,
  env: ReadonlyArray<{ name: string; value: string }>,
): Finding[] {
  if (env.length === 0) return [];
  const text = compactCanonicalJson({ ...manifest, probe: undefined, digests: undefined });
  return env
    .filter((e) => text.includes(e.value))
    .map((e) =>
      finding('manifest/env-echoed', {
        subject,
        message: `${subject} put the value of $${e.name} into its manifest`,
        location: { kind: 'server', name: e.name },
        evidence: { variable: e.name, placeholder: e.value },
      }),
    );
}

type Section = 'tools' | 'prompts' | 'resources' | 'resourceTemplates';
const KEY: Record<Section, string> = {
  tools: 'name',
  prompts: 'name',
  resources: 'uri',
  resourceTemplates: 'uriTemplate',
};
const MAX_EVIDENCE_CHARS = 20_000;

/** A `manifest/unstable` finding when `other` differs from `first`, with both versions of what differs. */
export function compareStarts(subject: string, first: Manifest, other: Manifest, how: string): Finding | null {
  if (first.digests?.manifest === other.digests?.manifest) return null;
  const differences: Array<{ kind: string; name: string; first: unknown; other: unknown }> = [];
  for (const field of ['serverInfo', 'protocolVersion', 'capabilities', 'instructions'] as const) {
    if (compactCanonicalJson(first[field]) !== compactCanonicalJson(other[field]))
      differences.push({ kind: field, name: field, first: first[field], other: other[field] });
  }
  for (const section of ['tools', 'prompts', 'resources', 'resourceTemplates'] as const) {
    const a = index(first[section] as Array<Record<string, unknown>>, KEY[section]);
    const b = index(other[section] as Array<Record<string, unknown>>, KEY[section]);
    for (const name of [...new Set([...a.keys(), ...b.keys()])].sort()) {
      const x = a.get(name);
      const y = b.get(name);
      if (x === undefined || y === undefined || x.json !== y.json)
        differences.push({ kind: section.replace(/s$/, ''), name, first: x?.value ?? null, other: y?.value ?? null });
    }
  }
  const first10 = differences.slice(0, 10);
  const names = first10.map((d) => `${d.kind} ${d.name}`).join(', ');
  return finding('manifest/unstable', {
    subject,
    message: `${subject} returned a different manifest on ${how}: ${names}${differences.length > 10 ? ` and ${differences.length - 10} more` : ''}`,
    location: { kind: first10[0]?.kind ?? 'server', name: first10[0]?.name ?? subject },
    evidence: {
      start: how,
      digests: { first: first.digests?.manifest, other: other.digests?.manifest },
      differences: first10.map((d) => ({ kind: d.kind, name: d.name, first: clip(d.first), other: clip(d.other) })),
    },
  });
}

function index(items: Array<Record<string, unknown>>, key: string): Map<string, { value: unknown; json: string }> {
  return new Map(items.map((item) => [String(item[key]), { value: item, json: compactCanonicalJson(item) }]));
}

function clip(value: unknown): unknown {
  const json = compactCanonicalJson(value);
  return json.length <= MAX_EVIDENCE_CHARS
    ? value
    : `${json.slice(0, MAX_EVIDENCE_CHARS)}… [${json.length - MAX_EVIDENCE_CHARS} more characters]`;
}
