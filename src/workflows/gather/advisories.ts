import type { AdvisoryResult } from '../../core/registry-signals/index.js';
import type { Ports } from '../ports.js';
import { inStep } from '../progress-step.js';

/** The advisories of some versions of one package. */
export type AdvisoryFetcher = (name: string, versions: string[]) => Promise<AdvisoryResult>;

/** One request for one package's versions, to the registry that serves it. */
export function directAdvisories(
  ports: Pick<Ports, 'registry' | 'advisories'> & Partial<Pick<Ports, 'progress'>>,
): AdvisoryFetcher {
  return async (name, versions) =>
    (
      await inStep(ports, `${name}: advisories`, () =>
        ports.advisories.fetch(ports.registry.registryFor(name), { [name]: versions }),
      )
    ).result;
}

const NAMES_PER_REQUEST = 250;

/**
 * For a run over many pins (drift): the advisories of every pinned version in one bulk request per
 * registry (the endpoint takes many packages, as `npm audit` sends them), asked once at the start.
 * The fetcher it returns answers a pin's own question from that batch, and asks the registry
 * directly for anything else (another version) or when the batch request failed for another
 * reason than the registry not serving the endpoint.
 */
export async function batchAdvisories(
  ports: Pick<Ports, 'registry' | 'advisories'> & Partial<Pick<Ports, 'progress'>>,
  pins: ReadonlyArray<{ name: string; version: string }>,
): Promise<AdvisoryFetcher> {
  const direct = directAdvisories(ports);
  const byRegistry = new Map<string, Record<string, string[]>>();
  for (const pin of pins) {
    const registry = ports.registry.registryFor(pin.name);
    const asked = byRegistry.get(registry) ?? {};
    asked[pin.name] = [pin.version];
    byRegistry.set(registry, asked);
  }
  const answers = new Map<string, { asked: string[]; result: AdvisoryResult }>();
  const requests = [...byRegistry].flatMap(([registry, asked]) => {
    const names = Object.keys(asked).sort();
    const groups: string[][] = [];
    for (let i = 0; i < names.length; i += NAMES_PER_REQUEST) groups.push(names.slice(i, i + NAMES_PER_REQUEST));
    return groups.map(async (group) => {
      const { result, status } = await ports.advisories.fetch(
        registry,
        Object.fromEntries(group.map((n) => [n, asked[n] as string[]])),
      );
      const notServed = result.status === 'unavailable' && (status === 404 || status === 405 || status === 501);
      if (result.status === 'unavailable' && !notServed) return;
      for (const name of group) {
        const own: AdvisoryResult =
          result.status === 'unavailable'
            ? result
            : { status: 'served', advisories: result.advisories[name] ? { [name]: result.advisories[name] } : {} };
        answers.set(name, { asked: asked[name] as string[], result: own });
      }
    });
  });
  await inStep(ports, `advisories of ${pins.length} pin${pins.length === 1 ? '' : 's'}`, () => Promise.all(requests));
  return (name, versions) => {
    const answer = answers.get(name);
    if (answer && versions.length === answer.asked.length && versions.every((v) => answer.asked.includes(v)))
      return Promise.resolve(answer.result);
    return direct(name, versions);
  };
}
