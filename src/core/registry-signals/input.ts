/** What the registry says about a package, as far as these signals need it (a subset of a packument). */
export interface PackumentFacts {
  'dist-tags'?: Record<string, string>;
  versions: Record<string, VersionFacts | undefined>;
  time?: Record<string, unknown>;
}

export interface VersionFacts {
  deprecated?: unknown;
  maintainers?: unknown;
  _npmUser?: unknown;
}

/** One advisory in the format of the registry's bulk advisory endpoint. */
export interface Advisory {
  id: number | string;
  title?: string;
  url?: string;
  severity?: string;
  vulnerable_versions?: string;
}

/** The bulk advisory answer, or why there is none. `unavailable` is never a pass. */
export type AdvisoryResult =
  { status: 'served'; advisories: Record<string, Advisory[]> } | { status: 'unavailable'; reason: string };

export interface RegistryFactsInput {
  name: string;
  /** the approved version (verify, drift); absent on add */
  pinned?: string;
  candidate: string;
  packument: PackumentFacts;
  policy?: { minReleaseAgeDays?: number };
  now: Date;
  /** undefined: advisories were not asked for */
  advisories?: AdvisoryResult;
}

export function isRecord(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}
