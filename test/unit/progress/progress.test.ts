import { describe, expect, it } from 'vitest';
import { createProgress, progressMode, type ProgressTimers } from '../../../src/io/progress.js';

/** A clock the test moves by hand; timers fire when it passes them, in order. */
class FakeTimers implements ProgressTimers {
  private time = 0;
  private timers: Array<{ at: number; fn: () => void; id: number }> = [];
  private ids = 0;
  now = () => this.time;
  setTimeout = (fn: () => void, ms: number) => {
    const id = ++this.ids;
    this.timers.push({ at: this.time + ms, fn, id });
    return id;
  };
  clearTimeout = (handle: unknown) => {
    this.timers = this.timers.filter((t) => t.id !== handle);
  };
  advance(ms: number): void {
    const end = this.time + ms;
    for (;;) {
      const next = this.timers.filter((t) => t.at <= end).sort((a, b) => a.at - b.at)[0];
      if (!next) break;
      this.timers = this.timers.filter((t) => t !== next);
      this.time = next.at;
      next.fn();
    }
    this.time = end;
  }
  get pending(): number {
    return this.timers.length;
  }
}

/** A step the test ends by hand. */
function held(): { work: () => Promise<string>; finish: () => Promise<void> } {
  let done!: () => void;
  const gate = new Promise<void>((r) => (done = r));
  return {
    work: async () => {
      await gate;
      return 'result';
    },
    finish: async () => {
      done();
      await new Promise((r) => setImmediate(r));
    },
  };
}

function stream(columns?: number) {
  const writes: string[] = [];
  return { writes, output: { write: (t: string) => writes.push(t), ...(columns ? { columns } : {}) } };
}

describe('progress reporter', () => {
  it('lines mode: one line per step that lasts over the delay, when it passes it, with no time', async () => {
    const timers = new FakeTimers();
    const { writes, output } = stream();
    const progress = createProgress({ mode: 'lines', output, timers });
    const fast = progress.step('a@1.0.0: provenance', async () => 'fast');
    await expect(fast).resolves.toBe('fast');
    const slow = held();
    const running = progress.step('a@1.0.0: sandboxed start (first start)', slow.work);
    timers.advance(999);
    expect(writes).toEqual([]);
    timers.advance(1);
    expect(writes).toEqual(['… a@1.0.0: sandboxed start (first start)\n']);
    timers.advance(10_000);
    await slow.finish();
    await expect(running).resolves.toBe('result');
    expect(writes).toHaveLength(1);
    progress.end();
    expect(writes).toHaveLength(1);
    expect(timers.pending).toBe(0);
  });

  it('live mode: one line rewritten in place with the newest slow step and its time, cleared when done', async () => {
    const timers = new FakeTimers();
    const { writes, output } = stream();
    const progress = createProgress({ mode: 'live', output, timers, repaintMs: 500 });
    const outer = held();
    const inner = held();
    const a = progress.step('drift: a (pin 1 of 2)', outer.work);
    timers.advance(1000);
    expect(writes).toEqual(['\r\x1b[2K… drift: a (pin 1 of 2) 1 s']);
    const b = progress.step('a@1.0.0: dependency closure', inner.work);
    timers.advance(500); // repaint: the same text is not written again
    expect(writes).toHaveLength(1);
    timers.advance(500); // the inner step passes the delay: it is the newest, so it is shown
    expect(writes.at(-1)).toBe('\r\x1b[2K… a@1.0.0: dependency closure 1 s');
    timers.advance(1000);
    expect(writes.at(-1)).toBe('\r\x1b[2K… a@1.0.0: dependency closure 2 s');
    await inner.finish();
    await b;
    expect(writes.at(-1)).toBe('\r\x1b[2K… drift: a (pin 1 of 2) 3 s');
    await outer.finish();
    await a;
    expect(writes.at(-1)).toBe('\r\x1b[2K');
    expect(writes.every((w) => !w.includes('\n'))).toBe(true);
    progress.end();
    expect(timers.pending).toBe(0);
  });

  it('live mode: a step shorter than the delay writes nothing; end() clears a line still shown', async () => {
    const timers = new FakeTimers();
    const { writes, output } = stream(20);
    const progress = createProgress({ mode: 'live', output, timers });
    const quick = held();
    const q = progress.step('quick', quick.work);
    timers.advance(900);
    await quick.finish();
    await q;
    expect(writes).toEqual([]);
    const slow = held();
    void progress.step('a-very-long-package-name@1.0.0: provenance', slow.work);
    timers.advance(1000);
    // fitted to the terminal: a wrapped line could not be rewritten
    expect(writes.at(-1)!.replace('\r\x1b[2K', '').length).toBeLessThan(20);
    progress.end();
    expect(writes.at(-1)).toBe('\r\x1b[2K');
    expect(timers.pending).toBe(0);
    await slow.finish();
  });

  it('escapes labels: a package name cannot move the cursor', async () => {
    const timers = new FakeTimers();
    const { writes, output } = stream();
    const progress = createProgress({ mode: 'lines', output, timers });
    const slow = held();
    const p = progress.step('evil\x1b[2J\n@1.0.0: fetch', slow.work);
    timers.advance(1000);
    expect(writes).toEqual(['… evil\\u{001B}[2J\\n@1.0.0: fetch\n']);
    await slow.finish();
    await p;
  });

  it('off (--quiet): runs the steps and writes nothing', async () => {
    const timers = new FakeTimers();
    const { writes, output } = stream();
    const progress = createProgress({ mode: 'off', output, timers });
    const slow = held();
    const p = progress.step('a@1.0.0: fetch and read the package', slow.work);
    timers.advance(5000);
    await slow.finish();
    await expect(p).resolves.toBe('result');
    progress.end();
    expect(writes).toEqual([]);
  });

  it('a failing step is not shown as still running', async () => {
    const timers = new FakeTimers();
    const { writes, output } = stream();
    const progress = createProgress({ mode: 'live', output, timers });
    const p = progress.step('a', async () => {
      timers.advance(1500);
      throw new Error('boom');
    });
    await expect(p).rejects.toThrow('boom');
    expect(writes.at(-1)).toBe('\r\x1b[2K');
  });

  it('mode: --quiet and MCP_VET_PROGRESS=0 turn it off; a terminal is live, anything else lines', () => {
    expect(progressMode({ quiet: true, isTTY: true, env: {} })).toBe('off');
    expect(progressMode({ quiet: false, isTTY: true, env: { MCP_VET_PROGRESS: '0' } })).toBe('off');
    expect(progressMode({ quiet: false, isTTY: true, env: {} })).toBe('live');
    expect(progressMode({ quiet: false, isTTY: false, env: {} })).toBe('lines');
  });
});
