import { describe, expect, it } from 'vitest';
import { haveShared } from '../helpers/shared.js';

const have = haveShared('corpus');

describe('evaluation on ../shared/corpus (npm run eval:corpus)', () => {
  it.skipIf(!have)(
    'no false alarm and full change recall on the real benign version pairs; overall detection >= 95%',
    async () => {
      const r = await evaluate();
      expect(r.benign.falseAlarms, JSON.stringify(r.benign.alarms)).toBe(0);
      expect(r.benign.changeRecall).toBe(1);
      expect(r.benign.identicalWithFinding).toBe(0);
      expect(r.overall.rate).toBeGreaterThanOrEqual(0.95);
    },
  );

  it.skipIf(!have)('detection >= 95% on every source', async () => {
    const r = await evaluate();
    for (const [source, s] of Object.entries(r.sources)) {
      expect(
        s.rate,
        `${source}: ${JSON.stringify(r.misses.filter((m) => m.source === source))}`,
      ).toBeGreaterThanOrEqual(0.95);
    }
  });
});

let cached: Promise<EvalResult> | undefined;
function evaluate(): Promise<EvalResult> {
  // @ts-expect-error plain JS script without types
  cached ??= import('../../scripts/eval-corpus.mjs').then((m: { evaluateCorpus: () => Promise<EvalResult> }) =>
    m.evaluateCorpus(),
  );
  return cached;
}

interface EvalResult {
  sources: Record<string, { pairs: number; detected: number; rate: number }>;
  overall: { rate: number };
  misses: Array<{ source: string }>;
  benign: { falseAlarms: number; changeRecall: number; identicalWithFinding: number; alarms: unknown[] };
}
