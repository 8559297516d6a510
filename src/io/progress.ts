import { escapeForTerminal } from '../core/text/escape.js';

/** Where progress goes: stderr, or a fake in tests. */
export interface ProgressOutput {
  write(text: string): unknown;
  /** the terminal's width, when it has one */
  columns?: number;
}

/** Time and timers, injectable so tests drive them. */
export interface ProgressTimers {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

/**
 * - `live`: a terminal; one line, rewritten in place, naming the newest step that has run over the
 *   delay and its time so far; cleared when no such step is left.
 * - `lines`: a log (CI); one line per step that runs over the delay, when it passes it. No times,
 *   so the same run gives the same lines.
 * - `off`: --quiet, or MCP_VET_PROGRESS=0.
 */
export type ProgressMode = 'live' | 'lines' | 'off';

export interface ProgressSettings {
  mode: ProgressMode;
  output: ProgressOutput;
  timers?: ProgressTimers;
  /** a step shorter than this is never shown (default 1 s) */
  delayMs?: number;
  /** how often the live line is rewritten (default 0.5 s) */
  repaintMs?: number;
}

export const DEFAULT_DELAY_MS = 1000;
const DEFAULT_REPAINT_MS = 500;
const CLEAR_LINE = '\r\x1b[2K';

const realTimers: ProgressTimers = {
  now: () => performance.now(),
  // unref'd: a progress timer never keeps the process alive
  setTimeout: (fn, ms) => setTimeout(fn, ms).unref(),
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

interface ActiveStep {
  label: string;
  started: number;
  /** it has run over the delay */
  due: boolean;
}

/** The progress reporter of a run (the workflows' progress port); `end()` clears the live line and stops every timer. */
export interface ProgressReporter {
  /** runs a step of the run; it is shown when it lasts longer than the delay */
  step<T>(label: string, work: () => Promise<T>): Promise<T>;
  end(): void;
}

/** Which mode a run gets: off with --quiet or MCP_VET_PROGRESS=0, live on a terminal, else lines. */
export function progressMode(input: { quiet: boolean; isTTY: boolean; env: NodeJS.ProcessEnv }): ProgressMode {
  const setting = input.env['MCP_VET_PROGRESS'];
  if (input.quiet || setting === '0' || setting === 'off') return 'off';
  return input.isTTY ? 'live' : 'lines';
}

export function createProgress(settings: ProgressSettings): ProgressReporter {
  if (settings.mode === 'off') return { step: (_label, work) => work(), end: () => undefined };
  const { output, mode } = settings;
  const timers = settings.timers ?? realTimers;
  const delayMs = settings.delayMs ?? DEFAULT_DELAY_MS;
  const repaintMs = settings.repaintMs ?? DEFAULT_REPAINT_MS;
  const active: ActiveStep[] = [];
  let shown = '';
  let repaint: unknown = null;

  const paint = () => {
    const top = active.findLast((s) => s.due);
    const text = top ? fit(`… ${top.label} ${seconds(timers.now() - top.started)}`, output.columns) : '';
    if (text === shown) return;
    output.write(text ? `${CLEAR_LINE}${text}` : CLEAR_LINE);
    shown = text;
  };
  const schedule = () => {
    if (repaint !== null || !active.some((s) => s.due)) return;
    repaint = timers.setTimeout(() => {
      repaint = null;
      paint();
      schedule();
    }, repaintMs);
  };
  const becameDue = (step: ActiveStep) => {
    step.due = true;
    if (mode === 'lines') {
      output.write(`… ${step.label}\n`);
      return;
    }
    paint();
    schedule();
  };

  return {
    async step(label, work) {
      const step: ActiveStep = {
        label: escapeForTerminal(label, { singleLine: true }),
        started: timers.now(),
        due: false,
      };
      active.push(step);
      const timer = timers.setTimeout(() => becameDue(step), delayMs);
      try {
        return await work();
      } finally {
        timers.clearTimeout(timer);
        active.splice(active.indexOf(step), 1);
        if (mode === 'live' && step.due) paint();
      }
    },
    end() {
      if (repaint !== null) timers.clearTimeout(repaint);
      repaint = null;
      active.length = 0;
      if (shown) output.write(CLEAR_LINE);
      shown = '';
    },
  };
}

/** Whole seconds: the live line changes once a second, not at every repaint. */
function seconds(ms: number): string {
  return `${Math.floor(ms / 1000)} s`;
}

/** One terminal row at most: a wrapped line could not be rewritten in place. */
function fit(text: string, columns: number | undefined): string {
  if (!columns || text.length < columns) return text;
  return `${text.slice(0, Math.max(1, columns - 2))}…`;
}
