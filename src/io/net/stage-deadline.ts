import { setMaxListeners } from 'node:events';
import { VetError } from '../../core/errors.js';
import { formatDuration } from './deadlines.js';
import { inStage, StageRequests } from './stage-requests.js';

/**
 * Runs one stage of many requests within `ms`. `run` gets a signal to hand to npm's libraries
 * (they pass it to every request they make); when the time is up, the requests still running are
 * aborted and the stage fails with TIMEOUT naming it and the requests it was still waiting for
 * (the first as `details.request`), even if the library would not stop.
 */
export async function withStageDeadline<T>(
  stage: string,
  ms: number,
  run: (signal: AbortSignal) => Promise<T>,
): Promise<T> {
  const controller = new AbortController();
  // every request of the stage listens on this one signal: dozens at once is expected, not a leak
  setMaxListeners(0, controller.signal);
  const requests = new StageRequests();
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      const pending = requests.pending();
      const waiting = pending.length > 0 ? `; still waiting for ${listed(pending)}` : '';
      const err = new VetError(
        'TIMEOUT',
        `${stage}: not done within ${formatDuration(ms)} (the stage deadline)${waiting}`,
        { details: { stage, ...(pending.length > 0 ? { request: pending[0]! } : {}) } },
      );
      controller.abort(err);
      reject(err);
    }, ms);
  });
  const running = inStage(requests, () => run(controller.signal));
  try {
    return await Promise.race([running, expired]);
  } finally {
    clearTimeout(timer);
    running.catch(() => undefined);
  }
}

/** The first requests by name, then how many more. */
function listed(requests: string[]): string {
  const shown = requests.slice(0, SHOWN);
  const more = requests.length - shown.length;
  return shown.join(', ') + (more > 0 ? ` and ${more} more` : '');
}

const SHOWN = 3;
