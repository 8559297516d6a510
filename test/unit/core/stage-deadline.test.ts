import { describe, expect, it } from 'vitest';
import { withStageDeadline } from '../../../src/io/net/stage-deadline.js';
import { currentStage } from '../../../src/io/net/stage-requests.js';

describe('stage deadline', () => {
  it('many requests listening on the stage signal raise no MaxListenersExceededWarning', async () => {
    const warnings: string[] = [];
    const onWarning = (w: Error) => warnings.push(w.name);
    process.on('warning', onWarning);
    try {
      const n = await withStageDeadline('closure', 5_000, async (signal) => {
        for (let i = 0; i < 50; i++) signal.addEventListener('abort', () => undefined);
        return 50;
      });
      expect(n).toBe(50);
      await new Promise((done) => setImmediate(done));
    } finally {
      process.off('warning', onWarning);
    }
    expect(warnings).not.toContain('MaxListenersExceededWarning');
  });

  it('a stage that outlives its deadline fails with TIMEOUT naming it', async () => {
    await expect(withStageDeadline('closure', 20, () => new Promise(() => undefined))).rejects.toMatchObject({
      code: 'TIMEOUT',
      message: expect.stringContaining('closure: not done within'),
    });
  });

  it('names the requests the stage still waits for, not those that ended', async () => {
    const stage = withStageDeadline('closure', 30, async () => {
      await Promise.resolve();
      const done = currentStage()?.start('GET http://127.0.0.1:9/answered');
      currentStage()?.start('GET http://127.0.0.1:9/hung-dep');
      done?.();
      return new Promise(() => undefined);
    });
    await expect(stage).rejects.toMatchObject({
      code: 'TIMEOUT',
      message: 'closure: not done within 30 ms (the stage deadline); still waiting for GET http://127.0.0.1:9/hung-dep',
      details: { stage: 'closure', request: 'GET http://127.0.0.1:9/hung-dep' },
    });
    expect(currentStage()).toBeUndefined();
  });
});
