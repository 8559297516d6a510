import type { CatalogueOf } from '../catalogue-entry.js';

/** config findings. Each code needs its title, default severity, explanation and remedy. */
export const configCatalogue = {
} as const satisfies CatalogueOf<'config'>;
