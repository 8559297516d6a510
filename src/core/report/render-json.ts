import { canonicalJson } from '../canonical-json.js';
import type { Report } from './report.js';

export function renderJson(report: Report): string {
  return canonicalJson(report);
}
