import { VetError } from '../core/errors.js';
import { isDeadlineFailure } from './net/deadline-agent.js';

/** Maps errors from pacote / npm-registry-fetch to coded errors naming the registry and package. */
export function registryError(err: unknown, what: string, registry: string): VetError {
  const e = err as { code?: string; statusCode?: number; message?: string };
  const code = e.code ?? '';
  const status = e.statusCode ?? (/^E(\d{3})$/.test(code) ? Number(code.slice(1)) : undefined);
  const details = { package: what, registry };
  if (isDeadlineFailure(err)) {
    return new VetError('TIMEOUT', `${what}: ${err.request}: ${err.reason}`, {
      cause: err,
      details: { ...details, request: err.request },
    });
  }
  if (code === 'E404' || status === 404) {
    return new VetError('NOT_FOUND', `${what}: not found in registry ${registry}`, { cause: err, details });
  }
  if (code === 'ETARGET' || code === 'ENOVERSIONS') {
    return new VetError('NOT_FOUND', `${what}: no such version in registry ${registry}`, { cause: err, details });
  }
  if (status === 401 || status === 403 || code === 'ENEEDAUTH') {
    return new VetError(
      'REGISTRY_ERROR',
      `${what}: registry ${registry} refused access (${status ?? code}); check the auth token in your npm configuration`,
      {
        cause: err,
        details,
      },
    );
  }
  if (code === 'EINTEGRITY') {
    return new VetError('INTEGRITY_MISMATCH', `${what}: tarball from ${registry} does not match its integrity`, {
      cause: err,
      details,
    });
  }
  if (
    (status !== undefined && status >= 500) ||
    /^(ECONN|ENOTFOUND|EAI_AGAIN|ETIMEDOUT|ESOCKETTIMEDOUT|EHOSTUNREACH|ENETUNREACH|EPIPE|ERR_SOCKET|FETCH_|UND_ERR|E\w*TIMEOUT$)/.test(
      code,
    )
  ) {
    const outside = outsideUrl(e, registry);
    if (outside) {
      const by = requiredBy(err);
      return new VetError(
        'REGISTRY_UNREACHABLE',
        `${what}: ${outside} unreachable (${code || status || 'network error'}): a dependency${by ? ` of ${by}` : ''} is fetched from outside the registry ${registry}`,
        { cause: err, details: { ...details, url: outside } },
      );
    }
    return new VetError(
      'REGISTRY_UNREACHABLE',
      `${what}: registry ${registry} unreachable (${code || status || 'network error'})`,
      { cause: err, details },
    );
  }
  return new VetError('REGISTRY_ERROR', `${what}: registry ${registry} error: ${e.message ?? String(err)}`, {
    cause: err,
    details,
  });
}

/**
 * The URL of a failed request (npm's fetch names it in its message) when it is not on the
 * registry: a dependency given as a tarball or git URL, which the registry being reachable does
 * not make reachable. Query and credentials are dropped.
 */
function outsideUrl(e: { message?: string }, registry: string): string | null {
  const match = /\brequest to (\S+) failed\b/.exec(e.message ?? '');
  if (!match) return null;
  try {
    const url = new URL(match[1]!);
    const base = new URL(registry);
    if (url.host === base.host) return null;
    return `${url.protocol}//${url.host}${url.pathname}`;
  } catch {
    return null;
  }
}

/** The package whose dependency failed, from arborist's `requiredBy` location (none for the root). */
function requiredBy(err: unknown): string | null {
  const location = (err as { requiredBy?: unknown }).requiredBy;
  if (typeof location !== 'string') return null;
  const at = location.lastIndexOf('node_modules/');
  return at === -1 ? null : location.slice(at + 'node_modules/'.length);
}
