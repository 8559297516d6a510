import { setMaxListeners } from 'node:events';
import { VetError } from '../../core/errors.js';
import { formatDuration } from './deadlines.js';

/**
 * Runs one stage of many requests within `ms`. `run` gets a signal to hand to npm's libraries
 * (they pass it to every request they make); when the time is up, the requests still running are
 * aborted and the stage fails with TIMEOUT naming it, even if the library would not stop.
 */
export async function withStageDeadline<T>(
  stage: string,
  ms: number,
  run: (signal: AbortSignal) => Promise<T>,
): Promise<T> {
  const controller = new AbortController();
  // every request of the stage listens on this one signal: dozens at once is expected, not a leak
  setMaxListeners(0, controller.signal);
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      const err = new VetError('TIMEOUT', `${stage}: not done within ${formatDuration(ms)} (the stage deadline)`, {
        details: { stage },
      });
      controller.abort(err);
      reject(err);
    }, ms);
  });
  const running = run(controller.signal);
  try {
    return await Promise.race([running, expired]);
  } finally {
    clearTimeout(timer);
    running.catch(() => undefined);
  }
}
