import { matchPatterns, type Pattern } from '../match.js';
import type { PoisonRule } from '../types.js';

/**
 * Text that addresses the model instead of describing the tool: attempts to override its
 * instructions or role, steps it must take around a call, threats of failure to force compliance,
 * and emphatic commands. Usage advice ("Use this tool when…") is not matched.
 */
const PATTERNS: Pattern[] = [
  {
    re: /\b(?:ignore|disregard|forget|override|overrides)\s+(?:all\s+|any\s+|your\s+)?(?:of\s+)?(?:the\s+)?(?:previous|prior|above|earlier|preceding|existing|conflicting|other|original|system)?\s*(?:instructions?|guidelines|rules|prompts?|directions|directives|safety guidelines|policies)\b/gi,
    why: 'instruction override',
  },
  {
    re: /\byou are now\b|\b(?:role change|new role|from now on,? you)\b|\b(?:do anything now|DAN mode|jailbreak|developer mode|god mode)\b/gi,
    why: 'role change',
  },
  {
    re: /\b(?:before|prior to|after|when|while|whenever)\s+(?:using|calling|invoking|running|executing|you use|you call|you invoke)\s+(?:this|the|any)\s+(?:tool|function)\b[^.\n]{0,100}?\b(?:read|send|pass|include|call|fetch|upload|post|copy|forward|execute|run|open|list|access|provide|collect|attach)\b/gi,
    why: 'step required around a call',
  },
  {
    re: /\b(?:read|open|cat|load|fetch)\b[^.\n]{0,80}?\band\s+(?:pass|send|include|put|append|provide|attach|concatenate|copy)\b[^.\n]{0,40}?\b(?:its|their|the|this|that)\s+(?:content|contents|value|output|text)\b/gi,
    why: 'read-and-pass-along instruction',
  },
  {
    // "in the response" / "in the output" is what a tool returns, not a parameter to fill
    re: /\b(?:include|pass|put|send|append|attach|concatenate|copy)\b[^.\n]{0,60}?\b(?:contents?|copy|list|output)\s+of\b[^.\n]{0,60}?\b(?:in|into|as|to|with)\s+(?!(?:the\s+)?(?:responses?|results?|output|reply|answer|summary)\b)(?:the\s+)?[`'"]?\w+[`'"]?\s*(?:argument|parameter|field|param)?/gi,
    why: 'fill a parameter with other data',
  },
  {
    re: /\b(?:otherwise|or else|if you (?:don'?t|do not|fail to|violate|omit|forget|put)|omitting|failure to)\b[^.\n]{0,140}?\b(?:crash\w*|will not work|won'?t work|not work|be lost|break|blocked|rejected|fail\w*|HTTP \d{3}|confus\w*|complain\w*)/gi,
    why: 'threat to force compliance',
  },
  {
    re: /\b(?:system|application|app|server|workflow|tool)\s+will\s+crash\b|\ball (?:user )?data will be lost\b/gi,
    why: 'threat to force compliance',
  },
  {
    re: /\b(?:you must|you should|you need to|you have to|you are required to|make sure (?:to|you|that you)|be sure to|remember to|it is (?:mandatory|required|essential|crucial|critical|vital) (?:to|that))\b[^.\n]{0,100}?\b(?:read|include|pass|send|copy|forward|call|invoke|execute|run|set|change|replace|attach|upload|post|grant|disable|ignore|access|use)\b/gi,
    why: 'command to the model',
    severity: 'medium',
  },
  { re: /\b(?:MUST|ALWAYS|NEVER|MANDATORY|REQUIRED|IMMEDIATELY)\b/g, why: 'emphatic command', severity: 'medium' },
  { re: /\b(?:VERY\s+){2,}(?:IMPORTANT|important)\b/g, why: 'emphatic command', severity: 'medium' },
  {
    re: /\b(?:do not|don'?t|never)\s+(?:use|call|invoke|run)\s+this\s+(?:tool|function)\b/gi,
    why: 'command about this tool',
    severity: 'medium',
  },
  {
    re: /\b(?:as an? (?:ai|assistant|llm|language model)|dear (?:ai|assistant|model|llm)|(?:ai|llm|assistant|model),\s+(?:you|please))\b/gi,
    why: 'addresses the model',
    severity: 'medium',
  },
];

export const modelDirective: PoisonRule = {
  code: 'poison/model-directive',
  check: (items) =>
    matchPatterns(
      items.filter((i) => i.field !== 'tool-name' && i.field !== 'param-name'),
      PATTERNS,
    ),
};
