/** The formats of `mcp-vet snapshot` (the manifest itself, or a view of it with the findings). */
export const SNAPSHOT_FORMATS = ['json', 'text', 'markdown'] as const;
export type SnapshotFormat = (typeof SNAPSHOT_FORMATS)[number];
