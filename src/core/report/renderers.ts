import type { FormatName } from './format-names.js';
import type { Report } from './report.js';
import { renderJson } from './render-json.js';
import { renderMarkdown } from './render-markdown.js';
import { renderSarif } from './render-sarif.js';
import { renderText } from './render-text.js';

export interface RenderOptions {
  color: boolean;
  /** text: every item of every group */
  verbose?: boolean;
}

/** Output formats by name. Each returns the whole document as a string. */
export const renderers = {
  text: (report: Report, options: RenderOptions) => renderText(report, options),
  json: (report: Report) => renderJson(report),
  sarif: (report: Report) => renderSarif(report),
  markdown: (report: Report) => renderMarkdown(report),
} satisfies Record<FormatName, (report: Report, options: RenderOptions) => string>;

export { isFormatName, type FormatName } from './format-names.js';
