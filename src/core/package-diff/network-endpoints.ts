import { finding, type Finding } from '../findings/finding.js';
import { isCommentLine, newKeys, type CodeProfile, type CodeScanner } from './code-profile.js';

/**
 * Newly hard-coded URLs and hosts, IP addresses and e-mail addresses in code. Compared as sets over
 * the whole package (a bundle renamed by its content hash is not "new"); comment lines are skipped.
 */
const URL_RE =
  /\b(?:https?|wss?|ftp):\/\/([A-Za-z0-9](?:[A-Za-z0-9.-]{0,251}[A-Za-z0-9])?)(?::\d{1,5})?[^\s'"`<>)\]}\\]*/g;
const QUOTED_HOST_RE =
  /['"`]((?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+(?:com|net|org|io|ru|cn|xyz|top|site|app|dev|info|biz|co|me|sh|tk|cc|pw|ws|su|online|live|cloud))(?::\d{1,5})?[/'"`]/gi;
const IP_RE = /(?<![\d.\w])(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(?:\.(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}(?![\d.\w])/g;
const IS_IP = /^\d{1,3}(?:\.\d{1,3}){3}$/;
const EMAIL_RE = /(?<![\w.%+-])[A-Za-z0-9][A-Za-z0-9._%+-]{0,63}@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,24}\b/g;

/** Hosts that appear in ordinary code and say nothing about where data goes. */
const BENIGN_HOST =
  /^(?:localhost|(?:[\w-]+\.)*example\.(?:com|org|net)|(?:[\w-]+\.)*(?:w3\.org|json-schema\.org|ietf\.org|spdx\.org|schema\.org|opensource\.org|mozilla\.org|nodejs\.org|apache\.org|modelcontextprotocol\.io)|[\w-]+\.(?:test|example|invalid|localhost))$/i;
const BENIGN_IP = /^(?:127\.|0\.0\.0\.0$|255\.|10\.|192\.168\.|169\.254\.|1\.1\.1\.1$|8\.8\.8\.8$)/;
const BENIGN_EMAIL = /^git@|@(?:[\w-]+\.)*(?:example\.(?:com|org|net)|test|invalid|localhost)$/i;

export const endpointScanner: CodeScanner = {
  id: 'endpoints',
  scan(file, add) {
    file.lines.forEach((text, i) => {
      if (isCommentLine(text)) return;
      const line = i + 1;
      if (text.includes('://')) {
        for (const m of text.matchAll(URL_RE)) {
          const host = m[1]!.toLowerCase();
          if (IS_IP.test(host)) {
            if (!BENIGN_IP.test(host)) add(`ip:${host}`, { line, match: m[0] });
          } else if (!BENIGN_HOST.test(host)) add(`host:${host}`, { line, match: m[0] });
        }
      }
      if (text.includes('.')) {
        for (const m of text.matchAll(QUOTED_HOST_RE)) {
          const host = m[1]!.toLowerCase();
          if (!BENIGN_HOST.test(host)) add(`host:${host}`, { line, match: m[1]! });
        }
        for (const m of text.matchAll(IP_RE)) if (!BENIGN_IP.test(m[0])) add(`ip:${m[0]}`, { line, match: m[0] });
      }
      if (text.includes('@')) {
        for (const m of text.matchAll(EMAIL_RE))
          if (!BENIGN_EMAIL.test(m[0])) add(`email:${m[0].toLowerCase()}`, { line, match: m[0] });
      }
    });
  },
};

export function endpointFindings(subject: string, before: CodeProfile, after: CodeProfile): Finding[] {
  return newKeys(before, after, endpointScanner.id).map(([key, site]) => {
    const location = { kind: 'file', file: site.file, line: site.line };
    const value = key.slice(key.indexOf(':') + 1);
    if (key.startsWith('ip:'))
      return finding('package/new-ip-address', {
        subject,
        location,
        message: `${site.file}:${site.line} hard-codes the IP address ${value}, which the approved version's code does not`,
        evidence: { after: site.match },
      });
    if (key.startsWith('email:'))
      return finding('package/new-email-address', {
        subject,
        location,
        message: `${site.file}:${site.line} hard-codes the e-mail address ${value}, which the approved version's code does not`,
        evidence: { after: site.match },
      });
    return finding('package/new-network-endpoint', {
      subject,
      location,
      message: `${site.file}:${site.line} names the host ${value}, which the approved version's code does not`,
      evidence: { after: site.match },
    });
  });
}
