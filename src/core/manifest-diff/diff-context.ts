import { finding, type Finding, type FindingInit, type FindingLocation } from '../findings/finding.js';
import type { FindingCode } from '../findings/catalogue/index.js';
import type { AddedText } from './added-text.js';

/** Collects what a diff finds: findings, and the added text the poisoning rules will scan. */
export class DiffContext {
  readonly findings: Finding[] = [];
  readonly added: AddedText[] = [];

  constructor(readonly subject: string) {}

  report(
    code: FindingCode,
    message: string,
    location: FindingLocation | undefined,
    evidence?: Record<string, unknown>,
    severity?: FindingInit['severity'],
  ): void {
    const init: FindingInit = { subject: this.subject, message };
    if (location) init.location = location;
    if (evidence) init.evidence = evidence;
    if (severity) init.severity = severity;
    this.findings.push(finding(code, init));
  }

  addText(item: AddedText): void {
    if (item.text !== '' && item.added.length > 0) this.added.push(item);
  }
}
