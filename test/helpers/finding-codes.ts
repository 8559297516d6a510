/**
 * The codes of a report's findings, with the codes folded into another finding at the same place
 * (`evidence.also`): a poison finding names its dominant intent and keeps the others there.
 */
export function findingCodes(
  findings: ReadonlyArray<{ code: string; subject?: string; evidence?: Record<string, unknown> }>,
  subject?: string,
): string[] {
  const out = new Set<string>();
  for (const f of findings) {
    if (subject !== undefined && f.subject !== subject) continue;
    out.add(f.code);
    for (const a of (f.evidence?.['also'] as Array<{ code: string }> | undefined) ?? []) out.add(a.code);
  }
  return [...out];
}
