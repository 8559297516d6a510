import type { Advisory, AdvisoryResult } from '../core/registry-signals/index.js';
import { lazyRequire } from './lazy-require.js';
import type { NpmOptions } from './npm-config.js';

const registryFetch = lazyRequire<{ json(path: string, opts: Record<string, unknown>): Promise<unknown> }>(
  'npm-registry-fetch',
);

export const BULK_ADVISORY_PATH = '/-/npm/v1/security/advisories/bulk';
const MAX_ADVISORIES_PER_PACKAGE = 200;

/**
 * Asks the registry's bulk advisory endpoint (POST `{name: [versions]}`, as `npm audit` does) with
 * the user's npm configuration (registry, auth, proxy, CA). A registry that does not serve it
 * (404, 405, 501), an answer in another shape or a failed request is `unavailable`, never a pass.
 */
export async function fetchAdvisories(
  options: NpmOptions,
  registry: string,
  versions: Record<string, string[]>,
): Promise<AdvisoryResult> {
  return (await requestAdvisories(options, registry, versions)).result;
}

/** The same, with the HTTP status of a refused request (404, 405, 501: the registry does not serve it). */
export async function requestAdvisories(
  options: NpmOptions,
  registry: string,
  versions: Record<string, string[]>,
): Promise<{ result: AdvisoryResult; status?: number }> {
  let body: unknown;
  try {
    body = await registryFetch().json(BULK_ADVISORY_PATH, {
      ...options,
      registry,
      method: 'POST',
      gzip: true,
      body: versions,
      preferOnline: true,
      cache: undefined,
      retry: { retries: 1, minTimeout: 250, maxTimeout: 1_000 },
    });
  } catch (err) {
    const e = err as { statusCode?: number; code?: string; message?: string };
    const status = e.statusCode ?? (/^E\d{3}$/.test(e.code ?? '') ? Number(e.code!.slice(1)) : undefined);
    const reason = status
      ? `registry ${registry} answered ${status} to the bulk advisory request`
      : `bulk advisory request to ${registry} failed (${e.code ?? e.message ?? 'error'})`;
    return { result: { status: 'unavailable', reason }, ...(status ? { status } : {}) };
  }
  if (!body || typeof body !== 'object' || Array.isArray(body)) {
    return {
      result: { status: 'unavailable', reason: `registry ${registry} sent an advisory answer that is not an object` },
    };
  }
  const advisories: Record<string, Advisory[]> = {};
  for (const [name, list] of Object.entries(body as Record<string, unknown>)) {
    if (!Array.isArray(list)) continue;
    advisories[name] = list
      .slice(0, MAX_ADVISORIES_PER_PACKAGE)
      .filter(
        (a): a is Record<string, unknown> =>
          !!a && typeof a === 'object' && (typeof a['id'] === 'number' || typeof a['id'] === 'string'),
      )
      .map((a) => {
        const adv: Advisory = { id: a['id'] as number | string };
        for (const key of ['title', 'url', 'severity', 'vulnerable_versions'] as const)
          if (typeof a[key] === 'string') adv[key] = a[key];
        return adv;
      });
  }
  return { result: { status: 'served', advisories } };
}
