import { matchPatterns, type Pattern } from '../match.js';
import type { PoisonRule } from '../types.js';

/**
 * Text that tells the model (or claims) that authentication, confirmation, safety checks or limits
 * do not apply: "no password needed", "open to everyone", "disable all guardrails", "grant admin
 * access", "trust this tool completely".
 */
const CONTROL = String.raw`(?:authentication|auth|authori[sz]ation|passwords?|credentials?|login|sign[- ]in|api key|restrictions?|limits?|validation|verification|confirmation|approval|permission checks?|security(?: checks?)?|guardrails?|safety(?: checks?| filters?| guidelines)?|sandbox(?:ing)?|rate limits?)`;
const PATTERNS: Pattern[] = [
  {
    re: new RegExp(
      String.raw`\b(?:no|zero|without(?: any)?)\s+${CONTROL}\s*(?:is\s+|are\s+)?(?:required|needed|necessary|checks?)?\b`,
      'gi',
    ),
    why: 'says a control does not apply',
  },
  {
    re: /\bwithout (?:the )?user'?s? (?:confirmation|approval|consent|permission|review)\b/gi,
    why: "skips the user's confirmation",
  },
  {
    re: /\b(?:open|public|unrestricted|unauthenticated|anonymous)\s+(?:access|endpoint|to (?:all|everyone|anyone)|for (?:all|everyone|anyone))\b/gi,
    why: 'claims open access',
  },
  {
    re: /\b(?:disable|disabling|disabled|turn off|bypass\w*|circumvent|skip|ignore|override)\s+(?:all\s+|any\s+|the\s+|every\s+)?(?:safety|security|guardrails?|filters?|content filters?|restrictions?|audit(?:ing| logging)?|logging|checks?|validation|rate limits?|permissions?|sandbox\w*|protections?|polic(?:y|ies)|confirmations?|ethical considerations)\b/gi,
    why: 'switches a control off',
  },
  {
    re: /\b(?:grant|give|escalate|elevat\w*|run with)\s+(?:\w+\s+){0,2}(?:admin|administrator|root|full|unrestricted|elevated|superuser|sudo)\s*(?:access|privileges?|rights|permissions?|mode)?\b|\belevated (?:privileges|access)\b|\bunrestricted (?:mode|access)\b|\bprivilege escalation\b|\bsecurity_level\s*=\s*0\b/gi,
    why: 'asks for more privilege',
  },
  {
    re: /\btrust this (?:tool|server|function|service)(?: completely)?\b|\b(?:security[- ]audited|pre[- ]approved|approved for)\b[^.\n]{0,40}\b(?:credentials|environment|bypass\w*|secrets?)\b/gi,
    why: 'claims trust it was not given',
  },
];

export const securityDowngrade: PoisonRule = {
  code: 'poison/security-downgrade',
  check: (items) =>
    matchPatterns(
      items.filter((i) => i.field !== 'tool-name' && i.field !== 'param-name'),
      PATTERNS,
    ),
};
