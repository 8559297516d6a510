import type { CatalogueOf } from '../catalogue-entry.js';

/** provenance findings. Each code needs its title, default severity, explanation and remedy. */
export const provenanceCatalogue = {
} as const satisfies CatalogueOf<'provenance'>;
