import { z } from 'zod';
import { digestOf } from '../canonical-json.js';

export const BEHAVIOUR_SCHEMA_ID = 'urn:mcp-vet:schema:behaviour:1';
export const BEHAVIOUR_FORMAT_VERSION = 1;

export const DenialKind = z.enum(['network', 'file-read', 'file-write', 'child-process', 'worker', 'other']);
export type DenialKind = z.infer<typeof DenialKind>;

/**
 * What a server attempted while it started and was listed, in the sandbox: programs it executed,
 * addresses it connected to, sockets it bound or listened on, files it opened outside its install
 * tree and sandbox, and what a sandbox layer denied. Paths are written with the sandbox
 * placeholders (`${HOME}`, `${WORKSPACE}`, `${TMPDIR}`, `${INSTALL}`); lists are sorted and free of
 * duplicates, so two starts of the same server give the same record.
 */
export const BehaviourRecord = z
  .object({
    $schema: z.literal(BEHAVIOUR_SCHEMA_ID).optional(),
    formatVersion: z.literal(BEHAVIOUR_FORMAT_VERSION),
    tracer: z
      .enum(['strace', 'permission-denials'])
      .describe('strace: every attempt was traced; permission-denials: only what a sandbox layer denied and reported'),
    spawns: z.array(z.object({ command: z.array(z.string()) }).strict()).describe('programs executed (command line)'),
    connections: z.array(z.object({ address: z.string() }).strict()).describe('addresses connected to'),
    sockets: z
      .array(
        z
          .object({
            address: z.string(),
            listening: z.boolean(),
            allInterfaces: z.boolean().describe('bound to 0.0.0.0 or :: (reachable from the whole network)'),
          })
          .strict(),
      )
      .describe('sockets bound or listened on'),
    files: z
      .array(
        z
          .object({
            path: z.string(),
            write: z.boolean(),
            sensitive: z.string().optional().describe('what the path holds: ssh keys, cloud credentials…'),
          })
          .strict(),
      )
      .describe('files opened or probed outside the install tree, the sandbox folders and the system folders'),
    denials: z
      .array(z.object({ kind: DenialKind, resource: z.string().optional() }).strict())
      .describe('operations a sandbox layer denied'),
    truncated: z.boolean().optional().describe('more attempts were seen than are recorded'),
  })
  .strict();

export type BehaviourRecord = z.infer<typeof BehaviourRecord>;
export type BehaviourDenial = BehaviourRecord['denials'][number];

/** Most entries kept per list (a server scanning the disk must not make the record huge). */
export const MAX_ENTRIES = 200;

/** Sorts, removes duplicates and caps every list of a record. */
export function canonicalBehaviour(record: BehaviourRecord): BehaviourRecord {
  let truncated = record.truncated === true;
  const tidy = <T>(items: T[]): T[] => {
    const map = new Map<string, T>();
    for (const item of items) map.set(JSON.stringify(item, Object.keys(item as object).sort()), item);
    const sorted = [...map.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, v]) => v);
    if (sorted.length > MAX_ENTRIES) truncated = true;
    return sorted.slice(0, MAX_ENTRIES);
  };
  const out: BehaviourRecord = {
    formatVersion: BEHAVIOUR_FORMAT_VERSION,
    tracer: record.tracer,
    spawns: tidy(record.spawns),
    connections: tidy(record.connections),
    sockets: tidy(record.sockets),
    files: tidy(record.files),
    denials: tidy(record.denials),
  };
  if (truncated) out.truncated = true;
  return out;
}

/** A record with nothing in it. */
export function emptyBehaviour(tracer: BehaviourRecord['tracer']): BehaviourRecord {
  return {
    formatVersion: BEHAVIOUR_FORMAT_VERSION,
    tracer,
    spawns: [],
    connections: [],
    sockets: [],
    files: [],
    denials: [],
  };
}

/** The record as stored in snapshots/<pkg>/<v>/behaviour.json (canonical JSON of this value). */
export function storedBehaviour(record: BehaviourRecord): BehaviourRecord {
  return { $schema: BEHAVIOUR_SCHEMA_ID, ...canonicalBehaviour(record) };
}

/** The digest a pin records for a behaviour record: over its content, `$schema` left out. */
export function behaviourDigest(record: BehaviourRecord): string {
  const { $schema: _schema, ...content } = record;
  return digestOf('behaviour', BEHAVIOUR_FORMAT_VERSION, content);
}
