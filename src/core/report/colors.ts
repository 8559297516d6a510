import type { Severity } from '../findings/severity.js';

export interface Palette {
  bold(s: string): string;
  dim(s: string): string;
  added(s: string): string;
  removed(s: string): string;
  severity(sev: Severity, s: string): string;
}

const wrap = (open: number, close: number) => (s: string) => `\u001b[${open}m${s}\u001b[${close}m`;

export const colorPalette: Palette = {
  bold: wrap(1, 22),
  dim: wrap(2, 22),
  added: wrap(32, 39),
  removed: wrap(31, 39),
  severity: (sev, s) => {
    switch (sev) {
      case 'critical':
        return wrap(1, 22)(wrap(35, 39)(s));
      case 'high':
        return wrap(31, 39)(s);
      case 'medium':
        return wrap(33, 39)(s);
      case 'low':
        return wrap(36, 39)(s);
      default:
        return wrap(2, 22)(s);
    }
  },
};

const id = (s: string) => s;
export const plainPalette: Palette = { bold: id, dim: id, added: id, removed: id, severity: (_sev, s) => s };
