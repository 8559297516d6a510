import { isLoopback } from './loopback.js';
import { urlSecrets, type SecretMatch } from './secrets.js';

export { isLoopback };

export interface UrlInfo {
  /** the URL as shown in every output: no user info, query values replaced by `…` */
  display: string;
  /** the URL compared with allowlist/remote entries: lower-case scheme and host, no trailing slash, no query values */
  key: string;
  /** plain http to a host that is not loopback */
  insecure: boolean;
  /** secrets written into the URL (password, query parameters) */
  secrets: Array<SecretMatch & { where: string }>;
}

/** null when the value is not an absolute http(s) URL. */
export function inspectUrl(raw: string): UrlInfo | null {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    return null;
  }
  const secrets = urlSecrets(url.href);
  const shown = new URL(url.href);
  shown.username = '';
  shown.password = '';
  shown.hash = '';
  const params = [...shown.searchParams.keys()];
  shown.search = '';
  const query = params.length > 0 ? `?${params.map((k) => `${encodeURIComponent(k)}=…`).join('&')}` : '';
  const display = `${shown.href}${query}`;
  return {
    display,
    key: normaliseKey(shown, query),
    insecure: url.protocol === 'http:' && !isLoopback(url.hostname),
    secrets,
  };
}

function normaliseKey(u: URL, query: string): string {
  return `${u.protocol.toLowerCase()}//${u.host.toLowerCase()}${u.pathname.replace(/\/+$/, '')}${query}`;
}
