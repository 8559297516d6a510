/** Predicate types that mcp-vet reads. */
export const SLSA_V02 = 'https://slsa.dev/provenance/v0.2';
export const SLSA_V1 = 'https://slsa.dev/provenance/v1';
export const NPM_PUBLISH_V01 = 'https://github.com/npm/attestation/tree/main/specs/publish/v0.1';
export const IN_TOTO_PAYLOAD_TYPE = 'application/vnd.in-toto+json';

export interface StatementSubject {
  name: string;
  digest: Record<string, string>;
}

/** An in-toto statement, as far as mcp-vet reads it. */
export interface Statement {
  type: string;
  subjects: StatementSubject[];
  predicateType: string;
  predicate: Record<string, unknown>;
}

/** Parses a DSSE payload as an in-toto statement; null when it is not one. */
export function parseStatement(payload: Uint8Array): Statement | null {
  let data: unknown;
  try {
    data = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(payload));
  } catch {
    return null;
  }
  if (!isObject(data)) return null;
  const type = data['_type'];
  const predicateType = data['predicateType'];
  if (
    typeof type !== 'string' ||
    !type.startsWith('https://in-toto.io/Statement/') ||
    typeof predicateType !== 'string'
  )
    return null;
  const subjects: StatementSubject[] = [];
  for (const s of Array.isArray(data['subject']) ? data['subject'] : []) {
    if (!isObject(s) || typeof s['name'] !== 'string') continue;
    const digest: Record<string, string> = {};
    if (isObject(s['digest']))
      for (const [k, v] of Object.entries(s['digest'])) if (typeof v === 'string') digest[k] = v;
    subjects.push({ name: s['name'], digest });
  }
  return { type, subjects, predicateType, predicate: isObject(data['predicate']) ? data['predicate'] : {} };
}

export function isKnownPredicateType(t: string): boolean {
  return t === SLSA_V02 || t === SLSA_V1 || t === NPM_PUBLISH_V01;
}

export function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
