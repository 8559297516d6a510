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
 * are read; a bare date cannot be told from a literal one and is kept.
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

export function normaliseClockText(text: string, window: StartWindow): string {
  if (!text.includes('T')) return text;
  return text.replace(ISO, (iso) => clockPlaceholder(Date.parse(iso), window) ?? iso);
}

/** Clock times in every string and key, and epoch-millisecond numbers, of a JSON-like value; a new value. */
export function normaliseClockTimes<T>(value: T, window: StartWindow): T {
  const walk = (v: unknown): unknown => {
    if (typeof v === 'string') return normaliseClockText(v, window);
    if (typeof v === 'number')
      return Number.isInteger(v) && v > 1e12 && v < 1e13 ? (clockPlaceholder(v, window) ?? v) : v;
    if (Array.isArray(v)) return v.map(walk);
    if (v !== null && typeof v === 'object')
      return Object.fromEntries(
        Object.entries(v as Record<string, unknown>).map(([k, x]) => [normaliseClockText(k, window), walk(x)]),
      );
    return v;
  };
  return walk(value) as T;
}
