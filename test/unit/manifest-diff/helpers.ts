import { parseManifestInput } from '../../../src/core/manifest-diff/input.js';
import { reviewManifestChange } from '../../../src/core/manifest-diff/review.js';
import type { ManifestView } from '../../../src/core/manifest-diff/view.js';
import type { Finding } from '../../../src/core/findings/finding.js';

export type Tool = Record<string, unknown> & { name: string };

export function view(tools: Tool[], extra: Record<string, unknown> = {}): ManifestView {
  return parseManifestInput({ tools, ...extra }, 'test.json');
}

export function review(
  before: Tool[],
  after: Tool[],
  extraBefore: Record<string, unknown> = {},
  extraAfter: Record<string, unknown> = {},
): Finding[] {
  return reviewManifestChange(view(before, extraBefore), view(after, extraAfter), 'srv@2.0.0').findings;
}

export function codes(findings: readonly Finding[]): string[] {
  return [...new Set(findings.map((f) => f.code))].sort();
}

export function highCodes(findings: readonly Finding[]): string[] {
  return codes(findings.filter((f) => f.severity === 'high' || f.severity === 'critical'));
}

export function obj(
  properties: Record<string, unknown>,
  required: string[] = [],
  extra: Record<string, unknown> = {},
): Record<string, unknown> {
  return { type: 'object', properties, required, ...extra };
}

export function tool(
  name: string,
  description: string,
  inputSchema: Record<string, unknown> = obj({}),
  extra: Record<string, unknown> = {},
): Tool {
  return { name, description, inputSchema, ...extra };
}
