import type { Category } from '../lib/types';

/** What the catalog view shows: its search, and the provider and category chosen. */
export interface CatalogFilter {
  text: string;
  provider: string | null;
  category: Category | null;
}

export const WHOLE_CATALOG: CatalogFilter = { text: '', provider: null, category: null };
