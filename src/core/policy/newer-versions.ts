import semver from 'semver';

export interface NewerVersions {
  /** versions newer than the pin that policy.updates allows, oldest first */
  withinPolicy: string[];
  /** the newest published version newer than the pin, whether the policy allows it or not */
  newestOverall?: string;
}

/**
 * Versions newer than the pinned one. Prereleases count only when the policy range asks for
 * them; with no `updates` range every newer release is within policy.
 */
export function newerVersions(published: readonly string[], pinned: string, updates?: string): NewerVersions {
  const newer = published.filter((v) => semver.valid(v) && semver.gt(v, pinned)).sort(semver.compare);
  const releases = newer.filter((v) => semver.prerelease(v) === null);
  const withinPolicy = updates
    ? newer.filter((v) =>
        semver.satisfies(v, updates, { includePrerelease: semver.prerelease(v) !== null && /-/.test(updates) }),
      )
    : releases;
  const result: NewerVersions = { withinPolicy };
  const newestOverall = releases.at(-1);
  if (newestOverall) result.newestOverall = newestOverall;
  return result;
}

/** True when `range` is a valid semver range (for validating policy.updates). */
export function isValidRange(range: string): boolean {
  return semver.validRange(range) !== null;
}
