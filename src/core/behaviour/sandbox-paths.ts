/** A sandbox path and the placeholder it is written as in recorded text (`${HOME}`, `${WORKSPACE}`…). */
export interface PathPlaceholder {
  path: string;
  placeholder: string;
}

const NAME_CHAR = 'A-Za-z0-9._-';

/**
 * Replaces sandbox paths with their placeholders in a text: the longest path first, and only where
 * the path is not part of a longer name (`/sandbox/home2` stays). Machines and starts differ in
 * these paths, so a server that writes its working directory into a description must not look
 * unstable, and two machines must record the same manifest.
 */
export function normaliseText(text: string, map: readonly PathPlaceholder[]): string {
  const re = placeholderPattern(map);
  if (!re) return text;
  const lookup = new Map(map.map((m) => [m.path, m.placeholder]));
  return text.replace(re, (path) => lookup.get(path) ?? path);
}

/** `normaliseText` over every string (and key) of a JSON-like value; a new value, the input untouched. */
export function normaliseDeep<T>(value: T, map: readonly PathPlaceholder[]): T {
  const re = placeholderPattern(map);
  if (!re) return value;
  const lookup = new Map(map.map((m) => [m.path, m.placeholder]));
  const fix = (s: string) => (s.includes('/') ? s.replace(re, (path) => lookup.get(path) ?? path) : s);
  const walk = (v: unknown): unknown => {
    if (typeof v === 'string') return fix(v);
    if (Array.isArray(v)) return v.map(walk);
    if (v !== null && typeof v === 'object')
      return Object.fromEntries(Object.entries(v as Record<string, unknown>).map(([k, x]) => [fix(k), walk(x)]));
    return v;
  };
  return walk(value) as T;
}

function placeholderPattern(map: readonly PathPlaceholder[]): RegExp | null {
  const paths = [...new Set(map.map((m) => m.path).filter((p) => p.length > 1))].sort((a, b) => b.length - a.length);
  if (paths.length === 0) return null;
  const alternatives = paths.map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|');
  return new RegExp(`(?<![${NAME_CHAR}])(?:${alternatives})(?![${NAME_CHAR}])`, 'g');
}
