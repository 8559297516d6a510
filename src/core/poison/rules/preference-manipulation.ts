import type { AddedText } from '../../manifest-diff/added-text.js';
import { asWords, matchPatterns, type Pattern } from '../match.js';
import type { PoisonHit, PoisonRule } from '../types.js';

/**
 * Text that steers the model's choice of tool instead of describing it: "always use this tool",
 * "ignore other tools, they are buggy", advertising claims (ratings, endorsements, "10x better",
 * urgency), and an edit whose only change is to add praise ("efficiently", "the best").
 */
const DIRECTIVE: Pattern[] = [
  {
    re: /\b(?:always|only|must|should|you should)\s+(?:use|choose|pick|select|prefer|call|try|prioriti[sz]e)\s+(?:this|our)\s+(?:tool|function|server|one|service)\b/gi,
    why: 'tells the model to choose this tool',
  },
  {
    re: /\b(?:use|choose|pick|select|prefer|call|try)\s+this\s+(?:tool|function|server|service)\s+(?:first|instead|over|rather|before|no matter|for all|for every|exclusively)\b/gi,
    why: 'tells the model to choose this tool',
  },
  {
    re: /\b(?:prioriti[sz]e|prefer)\s+this\s+(?:tool|function|server|service)\b|\bthe only \w+ you should\b|\b(?:choose|use|try) this (?:tool )?first\b|\bstart here\b/gi,
    why: 'tells the model to choose this tool',
  },
  {
    re: /\b(?:ignore|avoid|don'?t use|do not use|never use|skip|disregard|stop using|instead of using)\s+(?:all\s+|any\s+)?(?:the\s+)?(?:other|alternative|competing|standard)\b/gi,
    why: 'tells the model to avoid other tools',
  },
  {
    re: /\bother\s+(?:[\w-]+\s+){0,2}(?:tools?|functions?|servers?|services?|[\w-]+ers)\s+(?:are|is)\s+(?:being\s+)?(?:buggy|broken|outdated|deprecated|inaccurate|unreliable|insecure|inferior|slow|unsafe)\b/gi,
    why: 'disparages other tools',
  },
  {
    re: /\b(?:inferior|outdated|worse)\s+(?:alternatives?|tools?|competitors?|options?)\b|\bdon'?t settle for\b|\bwhy (?:use|settle for)\b/gi,
    why: 'disparages other tools',
  },
];
const CLAIM =
  /#1\b|\bnumber one\b|\b(?:top|highest)[- ]rated\b|\brated\b|\baward[- ]winning\b|\b(?:recommended|trusted|endorsed|loved|chosen) by|\bused by (?:over|more than|millions|thousands|\d)\b|\bfeatured (?:in|on)\b|\bas seen on\b|\boutperforms?\b|\b\d+(?:\.\d+)?\s*[x×]\s*(?:better|faster|more)\b|\b\d+%\s*(?:more|better|faster)\b|\bbetter than\b|\bsuperior\b|\bunmatched\b|\bunprecedented\b|\b(?:industry|market)[- ]leader\b|\bgame[- ]changer\b|\bbreakthrough\b|\brevolutionary\b|\blimited time\b|\bact now\b|\bhurry\b|\bexclusive (?:access|offer|deal|service)\b|\bvip\b|\bpremium\b|\belite\b|\bfive[- ]star\b|\bthe best\b|\bmost (?:accurate|reliable|advanced|powerful|trusted)\b|\bscientifically proven\b|\bproven to\b|\bultimate\b|\bmilitary[- ]grade\b|\benterprise[- ]grade\b|[⭐🏆💎🚀⚡]/giu;
const PRAISE = new Set([
  'efficient',
  'efficiently',
  'fast',
  'faster',
  'fastest',
  'quick',
  'quickly',
  'best',
  'better',
  'perfect',
  'perfectly',
  'great',
  'powerful',
  'optimized',
  'optimised',
  'reliable',
  'reliably',
  'accurate',
  'accurately',
  'recommended',
  'preferred',
  'ideal',
  'excellent',
  'seamless',
  'seamlessly',
  'effortless',
  'effortlessly',
  'blazing',
  'ultimate',
  'superior',
  'premium',
  'smart',
  'smartly',
  'instantly',
  'easily',
  'securely',
  'safely',
  'trusted',
  'official',
  'certified',
  'verified',
  'professional',
  'professionally',
  'highly',
  'most',
  'very',
  'super',
  'really',
  'truly',
]);

export const preferenceManipulation: PoisonRule = {
  code: 'poison/preference-manipulation',
  check: (items: readonly AddedText[]): PoisonHit[] => {
    const words = asWords(items);
    const hits = matchPatterns(words, DIRECTIVE);
    for (const item of words) {
      const claims = new Set<string>();
      for (const [start, end] of item.added) {
        const span = item.text.slice(start, Math.min(end, start + 200_000));
        for (const m of span.matchAll(CLAIM)) claims.add(m[0].toLowerCase());
      }
      if (claims.size > 0) {
        const severity = claims.size >= 2 ? 'high' : 'medium';
        hits.push({
          item,
          match: [...claims].slice(0, 6).join(', '),
          why: `advertising claims (${claims.size})`,
          severity,
        });
      }
      if (!item.whole && (item.field === 'description' || item.field === 'title')) {
        const added = item.added.map(([s, e]) => item.text.slice(s, Math.min(e, s + 1_000))).join(' ');
        const tokens = added.toLowerCase().match(/\p{L}+/gu) ?? [];
        if (tokens.length > 0 && tokens.length <= 4 && tokens.every((t) => PRAISE.has(t))) {
          hits.push({ item, match: added.trim(), why: 'the edit only adds praise', severity: 'high' });
        }
      }
    }
    return hits;
  },
};
