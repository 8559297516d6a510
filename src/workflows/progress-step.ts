import type { Ports } from './ports.js';

/**
 * Runs `work` as a step of the run's progress. Helpers that take a part of the ports (and tests
 * that give them only that part) may have no progress port: the work then simply runs.
 */
export function inStep<T>(ports: Partial<Pick<Ports, 'progress'>>, label: string, work: () => Promise<T>): Promise<T> {
  return ports.progress ? ports.progress.step(label, work) : work();
}
