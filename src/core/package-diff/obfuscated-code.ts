import { entropy } from '../text/entropy.js';
import { finding, type Finding } from '../findings/finding.js';
import { newKeys, type CodeProfile, type CodeScanner } from './code-profile.js';

/**
 * Ways to hide a payload from review: packed eval (`eval(function(p,a,c,k,e,d)…`), long
 * high-entropy string literals (base64 or hex blobs), obfuscator-style `_0x…` identifiers and long
 * runs of `\x..` escapes. Reported when the kind is new to the package.
 */
const PACKED = /eval\s*\(\s*function\s*\(\s*p\s*,\s*a\s*,\s*c\s*,\s*k\s*,\s*e\s*,\s*[rd]\s*\)/;
const BLOB = /['"`]([A-Za-z0-9+/=_-]{200,})['"`]/g;
const OBF_IDENT = /\b_0x[0-9a-f]{4,6}\b/g;
const HEX_ESCAPES = /(?:\\x[0-9a-fA-F]{2}){24,}/;
const MIN_ENTROPY = 4.2;

export const obfuscationScanner: CodeScanner = {
  id: 'obfuscation',
  scan(file, add) {
    let obfIdents = 0;
    file.lines.forEach((text, i) => {
      const line = i + 1;
      if (text.includes('eval')) {
        const m = PACKED.exec(text);
        if (m) add('packed-eval', { line, match: text.slice(m.index, m.index + 80) });
      }
      if (text.length >= 202) {
        for (const m of text.matchAll(BLOB)) {
          if (
            !text.slice(Math.max(0, (m.index ?? 0) - 40), m.index).includes('sourceMappingURL') &&
            entropy(m[1]!) >= MIN_ENTROPY
          ) {
            add('encoded-blob', { line, match: m[1]!.slice(0, 60) });
            break;
          }
        }
      }
      if (text.includes('_0x')) {
        const n = text.match(OBF_IDENT)?.length ?? 0;
        obfIdents += n;
        if (obfIdents >= 20 && n > 0) add('obfuscator-identifiers', { line, match: text.slice(0, 80) });
      }
      if (text.includes('\\x')) {
        const m = HEX_ESCAPES.exec(text);
        if (m) add('hex-escapes', { line, match: m[0].slice(0, 80) });
      }
    });
  },
};

const LABEL: Record<string, string> = {
  'packed-eval': 'packed eval',
  'encoded-blob': 'a long high-entropy string',
  'obfuscator-identifiers': 'obfuscator-style _0x identifiers',
  'hex-escapes': 'a long run of \\x escapes',
};

export function obfuscationFindings(subject: string, before: CodeProfile, after: CodeProfile): Finding[] {
  return newKeys(before, after, obfuscationScanner.id).map(([kind, site]) =>
    finding('package/obfuscated-code-added', {
      subject,
      location: { kind: 'file', file: site.file, line: site.line },
      message: `${site.file}:${site.line} contains ${LABEL[kind] ?? kind}; the approved version's code has none`,
      evidence: { kind, after: site.match },
    }),
  );
}
