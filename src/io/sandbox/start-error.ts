import type { BehaviourRecord } from '../../core/behaviour/record.js';
import { VetError, type ErrorDetail } from '../../core/errors.js';

/**
 * A start that failed: what the server attempted before it failed is still evidence, and its
 * stderr (sandbox paths written as placeholders) is kept for `--show-stderr`.
 */
export class SandboxedStartError extends VetError {
  readonly behaviour: BehaviourRecord | undefined;
  /** the server's kept stderr, sandbox paths as placeholders (escape before printing) */
  readonly stderr: string;
  constructor(
    base: VetError,
    behaviour: BehaviourRecord | undefined,
    options: { stderr?: string; message?: string; details?: Record<string, ErrorDetail> } = {},
  ) {
    super(base.code, options.message ?? base.message, {
      cause: base.cause ?? base,
      details: { ...(options.details ?? base.details) },
    });
    this.behaviour = behaviour;
    this.stderr = options.stderr ?? '';
  }
}
