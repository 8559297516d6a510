import { detectSecret, type SecretMatch } from './secrets.js';

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
  const secrets: UrlInfo['secrets'] = [];
  if (url.password)
    secrets.push({
      where: 'URL password',
      kind: 'password in the URL',
      hint: `… (${decodeURIComponent(url.password).length} characters)`,
    });
  for (const [name, value] of url.searchParams) {
    const s = detectSecret(name, value);
    if (s) secrets.push({ ...s, where: `URL query parameter ${name.slice(0, 60)}` });
  }
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

/** localhost, 127.0.0.0/8, ::1 */
export function isLoopback(hostname: string): boolean {
  const h = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  return h === 'localhost' || h.endsWith('.localhost') || h === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(h);
}
