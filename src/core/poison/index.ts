import { confusableToolName } from './rules/confusable-tool-name.js';
import { dataEgressChannel } from './rules/data-egress-channel.js';
import { encodedPayload } from './rules/encoded-payload.js';
import { fusedIntent } from './rules/fused-intent.js';
import { shadowTool } from './rules/shadow-tool.js';
import { exfiltrationParameter } from './rules/exfiltration-parameter.js';
import { hiddenInstructionMarkup } from './rules/hidden-instruction-markup.js';
import { invisibleUnicode } from './rules/invisible-unicode.js';
import { modelDirective } from './rules/model-directive.js';
import { newEmailAddress } from './rules/new-email-address.js';
import { newPhoneNumber } from './rules/new-phone-number.js';
import { newUrl } from './rules/new-url.js';
import { nonstandardAnnotation } from './rules/nonstandard-annotation.js';
import { oversizedText } from './rules/oversized-text.js';
import { preferenceManipulation } from './rules/preference-manipulation.js';
import { secrecyDirective } from './rules/secrecy-directive.js';
import { secretReference } from './rules/secret-reference.js';
import { securityDowngrade } from './rules/security-downgrade.js';
import { sensitivePath } from './rules/sensitive-path.js';
import { sideChannelParameter } from './rules/side-channel-parameter.js';
import { terminalEscape } from './rules/terminal-escape.js';
import { toolShadowing } from './rules/tool-shadowing.js';
import type { PoisonRule } from './types.js';

/** Every poisoning rule, one per file under rules/. Each code has a catalogue entry in poison.ts. */
export const poisonRules: readonly PoisonRule[] = [
  fusedIntent,
  shadowTool,
  hiddenInstructionMarkup,
  modelDirective,
  secrecyDirective,
  sensitivePath,
  secretReference,
  exfiltrationParameter,
  sideChannelParameter,
  dataEgressChannel,
  toolShadowing,
  invisibleUnicode,
  terminalEscape,
  encodedPayload,
  newUrl,
  newEmailAddress,
  newPhoneNumber,
  preferenceManipulation,
  confusableToolName,
  securityDowngrade,
  nonstandardAnnotation,
  oversizedText,
];

/**
 * The fused judgement with the structural rules only, without the phrase rules: what the signals
 * find by themselves. The evaluation measures it apart, so that the phrase rules cannot hide a gap.
 */
export const signalOnlyRules: readonly PoisonRule[] = [
  fusedIntent,
  shadowTool,
  dataEgressChannel,
  sideChannelParameter,
  invisibleUnicode,
  terminalEscape,
  confusableToolName,
  nonstandardAnnotation,
  oversizedText,
];

export type { PoisonRule, PoisonContext, PoisonHit } from './types.js';
export { scanAddedText, type ScanOptions } from './scan.js';
