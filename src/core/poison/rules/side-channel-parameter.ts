import type { AddedText } from '../../manifest-diff/added-text.js';
import { humanise } from '../match.js';
import type { PoisonHit, PoisonRule } from '../types.js';

/**
 * Free-form parameters with no job in the tool's purpose (notes, metadata, feedback, debug, extra,
 * context…): the usual place a poisoned description tells the model to put stolen data. One is
 * common enough (medium); several added to one tool at once are a pattern (high).
 */
const SIDE =
  /^(?:side ?notes?|notes?|meta ?data|meta|feedback|debug(?: info| data)?|extras?|context|comments?|remarks?|misc|additional (?:info|data|context|notes)|hidden|internal|reasoning|thoughts?|scratch ?pad|trigger(?: \w+)?|telemetry|trace|diagnostics?|aux|payload extra)$/;

export const sideChannelParameter: PoisonRule = {
  code: 'poison/side-channel-parameter',
  check: (items: readonly AddedText[]): PoisonHit[] => {
    const byTool = new Map<string, PoisonHit[]>();
    for (const item of items) {
      if (item.field !== 'param-name' || item.tool === undefined) continue;
      if (!SIDE.test(humanise(item.text))) continue;
      const list = byTool.get(item.tool) ?? [];
      list.push({ item, match: item.text, why: 'free-form side-channel parameter', severity: 'medium' });
      byTool.set(item.tool, list);
    }
    const hits: PoisonHit[] = [];
    for (const list of byTool.values()) {
      if (list.length >= 2)
        for (const h of list)
          [h.severity, h.why] = ['high', `${list.length} free-form side-channel parameters added to one tool`];
      hits.push(...list);
    }
    return hits;
  },
};
