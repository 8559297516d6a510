import { catalogue, type FindingCode } from './catalogue/index.js';

/** docs/findings.md, generated from the catalogue (`npm run docs`); a test keeps it in sync. */
export function renderCatalogueDocs(): string {
  const codes = (Object.keys(catalogue) as FindingCode[]).sort();
  const groups = new Map<string, FindingCode[]>();
  for (const code of codes) {
    const prefix = code.split('/')[0] ?? code;
    groups.set(prefix, [...(groups.get(prefix) ?? []), code]);
  }
  const out: string[] = [
    '# Findings',
    '',
    '<!-- Generated from src/core/findings/catalogue by `npm run docs`. Do not edit by hand. -->',
    '',
    'Every finding mcp-vet reports has a stable code from this catalogue. The severity shown is the',
    'default; `--fail-on LEVEL` decides which severities fail a run (default: high).',
    '',
    '| code | severity | title |',
    '| --- | --- | --- |',
    ...codes.map((c) => `| [\`${c}\`](#${anchor(c)}) | ${catalogue[c].severity} | ${catalogue[c].title} |`),
    '',
  ];
  for (const [prefix, group] of groups) {
    out.push(`## ${prefix}`, '');
    for (const code of group) {
      const e = catalogue[code];
      out.push(
        `### ${code}`,
        '',
        `**${e.title}** (default severity: ${e.severity})`,
        '',
        e.explanation,
        '',
        `Remedy: ${e.remedy}`,
        '',
      );
    }
  }
  return out.join('\n');
}

function anchor(code: string): string {
  return code.toLowerCase().replace(/[^a-z0-9 -]/g, '');
}
