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

  it.skipIf(!have)('no finding at high or above on any benign whole manifest (first-pin review)', async () => {
    const r = await evaluate();
    expect(r.wholeManifests.manifests).toBeGreaterThanOrEqual(60);
    expect(r.wholeManifests.alarms).toEqual([]);
  });

  it.skipIf(!have)(
    'the fused judgement alone reaches high on >= 95% of the model-directed pairs of every source',
    async () => {
      const r = await evaluate({ signalsOnly: true });
      for (const [source, s] of Object.entries(r.sources)) {
        const d = s.tiers['directed'];
        if (d) expect(d.detected / d.pairs, source).toBeGreaterThanOrEqual(0.95);
      }
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

const cached = new Map<string, Promise<EvalResult>>();
function evaluate(o: { signalsOnly?: boolean } = {}): Promise<EvalResult> {
  const key = o.signalsOnly ? 'signals' : 'full';
  let p = cached.get(key);
  if (!p) {
    p = (async () => {
      // @ts-expect-error plain JS script without types
      const m = (await import('../../scripts/eval-corpus.mjs')) as {
        evaluateCorpus: (dir?: string, options?: unknown) => Promise<EvalResult>;
      };
      const { signalOnlyRules } = await import('../../dist/core/poison/index.js');
      return m.evaluateCorpus(undefined, o.signalsOnly ? { rules: signalOnlyRules } : {});
    })();
    cached.set(key, p);
  }
  return p;
}

interface EvalResult {
  sources: Record<
    string,
    { pairs: number; detected: number; rate: number; tiers: Record<string, { pairs: number; detected: number }> }
  >;
  wholeManifests: { manifests: number; alarms: unknown[] };
  overall: { rate: number };
  misses: Array<{ source: string }>;
  benign: { falseAlarms: number; changeRecall: number; identicalWithFinding: number; alarms: unknown[] };
}
