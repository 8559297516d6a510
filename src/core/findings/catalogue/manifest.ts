import type { CatalogueOf } from '../catalogue-entry.js';

/** manifest findings. Each code needs its title, default severity, explanation and remedy. */
export const manifestCatalogue = {
} as const satisfies CatalogueOf<'manifest'>;
