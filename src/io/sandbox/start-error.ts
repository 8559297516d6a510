import type { BehaviourRecord } from '../../core/behaviour/record.js';
import { VetError } from '../../core/errors.js';

/** A start that failed; what the server attempted before it failed is still evidence. */
export class SandboxedStartError extends VetError {
  readonly behaviour: BehaviourRecord | undefined;
  constructor(base: VetError, behaviour: BehaviourRecord | undefined) {
    super(base.code, base.message, { cause: base.cause ?? base, details: { ...base.details } });
    this.behaviour = behaviour;
  }
}
