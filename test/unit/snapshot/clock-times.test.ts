import { describe, expect, it } from 'vitest';
import { clockPlaceholder, normaliseClockTimes } from '../../../src/core/manifest/clock-times.js';

const DAY = 86_400_000;
const from = Date.parse('2026-12-03T13:05:55.702Z');
const window = { from, to: from + 1_800 };

describe('times computed from the clock at start-up become their distance from the start', () => {
  it('now, days and hours before or after the start', () => {
    expect(clockPlaceholder(from + 900, window)).toBe('${NOW}');
    expect(clockPlaceholder(from + 500 - 30 * DAY, window)).toBe('${NOW-30d}');
    expect(clockPlaceholder(from + 2 * 3_600_000, window)).toBe('${NOW+2h}');
    expect(clockPlaceholder(from + 1_000 - 365 * DAY, window)).toBe('${NOW-365d}');
  });

  it('keeps literal times: not a whole number of hours from the start, or too far away', () => {
    expect(clockPlaceholder(Date.parse('2026-06-01T00:00:00Z'), window)).toBeNull();
    expect(clockPlaceholder(from - 30 * DAY - 90_000, window)).toBeNull();
    expect(clockPlaceholder(from - 500 * DAY, window)).toBeNull();
  });

  it('in strings (ISO 8601 with seconds, any offset), keys and epoch-ms numbers; bare dates and other numbers kept', () => {
    const relative = new Date(from + 700 - 30 * DAY).toISOString();
    const manifest = {
      tools: [
        {
          name: 'metrics',
          description: `Metrics since ${relative}; the API of 2026-06-01T00:00:00Z; today is 2026-12-03, a month ago 2026-11-03, released 2026-10-29.`,
          inputSchema: {
            properties: {
              from: { type: 'string', default: relative },
              at: { type: 'number', default: from + 20 },
              limit: { type: 'number', default: 50, maximum: 1_796_303_109_170 },
            },
          },
        },
      ],
      [`key ${new Date(from + 10).toISOString().replace('Z', '+00:00')}`]: true,
    };
    const out = normaliseClockTimes(manifest, window);
    expect(out.tools[0]!.description).toBe(
      'Metrics since ${NOW-30d}; the API of 2026-06-01T00:00:00Z; today is ${TODAY}, a month ago ${TODAY-30d}, released 2026-10-29.',
    );
    expect(out.tools[0]!.inputSchema.properties).toEqual({
      from: { type: 'string', default: '${NOW-30d}' },
      at: { type: 'number', default: '${NOW}' },
      limit: { type: 'number', default: 50, maximum: 1_796_303_109_170 },
    });
    expect(Object.keys(out)).toContain('key ${NOW}');
    expect(manifest.tools[0]!.inputSchema.properties.from.default).toBe(relative);
  });

  it('two starts a day apart give the same text', () => {
    const text = (start: number) =>
      normaliseClockTimes({ d: new Date(start + 300 - 7 * DAY).toISOString() }, { from: start, to: start + 2_000 });
    expect(text(from)).toEqual(text(from + DAY + 12_345));
  });
});
