import type { Stage, StageFailure } from '../../core/assess/stage.js';
import { toVetError } from '../../core/errors.js';
import { startHints } from '../../core/start/hints.js';
import type { Ports } from '../ports.js';
import { inStep } from '../progress-step.js';

/** How a stage is named in the progress lines. */
const STEP: Record<Stage, string> = {
  fetch: 'fetch and read the package',
  closure: 'dependency closure',
  provenance: 'provenance',
  advisories: 'advisories',
  snapshot: 'sandboxed snapshot',
  'manifest-diff': 'manifest diff',
  evidence: 'stored evidence',
};

/**
 * Runs one stage: its result, or undefined with the failure recorded (its error code and message,
 * which name the request, file or permission that failed). Nothing a stage throws stops the others.
 * The stage is a step of the run's progress.
 */
export async function runStage<T>(
  ports: Partial<Pick<Ports, 'progress'>>,
  failures: StageFailure[],
  stage: Stage,
  subject: string,
  step: () => Promise<T>,
): Promise<T | undefined> {
  try {
    return await inStep(ports, `${subject}: ${STEP[stage]}`, step);
  } catch (err) {
    failures.push(stageFailure(stage, subject, err));
    return undefined;
  }
}

/** What a stage's error records: its code and message, and for a sandboxed start the step, request and stderr tail. */
export function stageFailure(stage: Stage, subject: string, err: unknown): StageFailure {
  const e = toVetError(err);
  const { stage: step, request, stderr, stdout } = e.details;
  const lines = Array.isArray(stderr) ? (stderr as string[]) : [];
  const printed = Array.isArray(stdout) ? (stdout as string[]) : [];
  const hints = startHints([...lines, ...printed], process.version).map((h) => h.text);
  return {
    stage,
    subject,
    code: e.code,
    message: e.message,
    ...(typeof step === 'string' ? { step } : {}),
    ...(typeof request === 'string' ? { request } : {}),
    ...(Array.isArray(stderr) ? { stderr: [...lines] } : {}),
    ...(hints.length > 0 ? { hints } : {}),
  };
}
