/**
 * Times a server computes from the clock when it starts ("from: 30 days ago" as a schema default,
 * "now" in a description) differ on every start and every night, so a manifest holding them would
 * look unstable and changed without a release. Such a time is written as its distance from the
 * start instead: `${NOW}`, `${NOW-30d}`, `${NOW+2h}`.
 *
 * A time counts as computed from the clock only when it lies a whole number of hours (up to 400
 * days) from a moment inside the start (`window`, give or take a second): a literal date in a
 * description ("API version of 2026-06-01T00:00:00Z") is that only by a coincidence of a second
 * in an hour. Full date-times (ISO 8601 with seconds) in strings and epoch milliseconds as numbers
 * are read. A bare date (`2026-11-03`) is `${TODAY-30d}` when it is the start's day or lies one of
 * the usual ranges from it (a day, a week, two or four weeks, a month, a quarter, half a year, a
 * year): any other bare date is kept, as a literal one may be.
 */
export interface StartWindow {
  /** epoch ms when the start began and when its listing was complete */
  from: number;
  to: number;
}

const HOUR = 3_600_000;
const MAX_HOURS = 400 * 24;
const SLACK = 1_000;
const ISO =
  /\b\d{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])T(?:[01]\d|2[0-3]):[0-5]\d:[0-5]\d(?:\.\d{1,9})?(?:Z|[+-](?:[01]\d|2[0-3]):?[0-5]\d)\b/g;

/** The placeholder of a clock time, or null when `ms` is not one. */
export function clockPlaceholder(ms: number, window: StartWindow): string | null {
  if (!Number.isFinite(ms)) return null;
  for (const edge of [window.from, window.to]) {
    const hours = Math.round((ms - edge) / HOUR);
    if (Math.abs(hours) > MAX_HOURS) continue;
    const at = ms - hours * HOUR;
    if (at < window.from - SLACK || at > window.to + SLACK) continue;
    if (hours === 0) return '${NOW}';
    const sign = hours < 0 ? '-' : '+';
    const size = Math.abs(hours);
    return `\${NOW${sign}${size % 24 === 0 ? `${size / 24}d` : `${size}h`}}`;
  }
  return null;
}

const DAY = 86_400_000;
const BARE_DATE = /(?<![\dT:.-])(\d{4})-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])(?![\dT:.-])/g;
const USUAL_DAYS = new Set([0, 1, 7, 14, 28, 30, 31, 60, 90, 180, 182, 365, 366]);

/** The placeholder of a bare date (UTC or local day of the start), or null when it is not one. */
export function datePlaceholder(date: string, window: StartWindow): string | null {
  const ms = Date.parse(`${date}T00:00:00Z`);
  if (!Number.isFinite(ms)) return null;
  for (const edge of [window.from, window.to]) {
    for (const today of [utcDay(edge), localDay(edge)]) {
      const days = Math.round((ms - today) / DAY);
      if (!USUAL_DAYS.has(Math.abs(days))) continue;
      return days === 0 ? '${TODAY}' : `\${TODAY${days < 0 ? '-' : '+'}${Math.abs(days)}d}`;
    }
  }
  return null;
}

const utcDay = (ms: number) => Math.floor(ms / DAY) * DAY;
function localDay(ms: number): number {
  const d = new Date(ms);
  return Date.UTC(d.getFullYear(), d.getMonth(), d.getDate());
}

export function normaliseClockText(text: string, window: StartWindow): string {
  if (!/\d{4}-\d\d-\d\d/.test(text)) return text;
  return text
    .replace(ISO, (iso) => clockPlaceholder(Date.parse(iso), window) ?? iso)
    .replace(BARE_DATE, (date) => datePlaceholder(date, window) ?? date);
}

/**
 * Clock times in every string and key, and epoch-millisecond numbers, of a JSON-like value. The
 * input is left untouched; what holds no clock time is returned as it is (not copied), so a large
 * listing costs one scan of its strings.
 */
export function normaliseClockTimes<T>(value: T, window: StartWindow): T {
  const walk = (v: unknown): unknown => {
    if (typeof v === 'string') return normaliseClockText(v, window);
    if (typeof v === 'number')
      return Number.isInteger(v) && v > 1e12 && v < 1e13 ? (clockPlaceholder(v, window) ?? v) : v;
    if (Array.isArray(v)) {
      let out: unknown[] | undefined;
      v.forEach((x, i) => {
        const y = walk(x);
        if (y !== x) (out ??= [...v])[i] = y;
      });
      return out ?? v;
    }
    if (v !== null && typeof v === 'object') {
      const entries = Object.entries(v as Record<string, unknown>);
      let changed = false;
      const next = entries.map(([k, x]): [string, unknown] => {
        const key = normaliseClockText(k, window);
        const y = walk(x);
        if (key !== k || y !== x) changed = true;
        return [key, y];
      });
      return changed ? Object.fromEntries(next) : v;
    }
    return v;
  };
  return walk(value) as T;
}
