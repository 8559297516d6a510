import type { CatalogueOf } from '../catalogue-entry.js';

/** poison findings. Each code needs its title, default severity, explanation and remedy. */
export const poisonCatalogue = {
} as const satisfies CatalogueOf<'poison'>;
