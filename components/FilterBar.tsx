import type { Provider } from '../lib/providers';
import { CATEGORIES, type Category } from '../lib/types';
import type { Filters } from '../panel/ports';
import { spanText } from './OverviewStrip';

interface FilterBarProps {
  providers: readonly Provider[];
  filters: Filters;
  byProvider: Record<string, number>;
  byCategory: Partial<Record<Category, number>>;
  onChange(filters: Filters): void;
}

function toggled<T>(list: readonly T[], value: T): T[] {
  return list.includes(value) ? list.filter((item) => item !== value) : [...list, value];
}

/** Provider and category toggles, none pressed meaning everything, and the strip's time range. */
export function FilterBar({ providers, filters, byProvider, byCategory, onChange }: FilterBarProps) {
  return (
    <div class="filter-bar">
      <fieldset class="chips" aria-label="Providers">
        {providers.map(({ id, name }) => (
          <button
            type="button"
            key={id}
            class="chip"
            data-testid="provider-filter"
            data-provider={id}
            aria-pressed={filters.providers.includes(id)}
            onClick={() => onChange({ ...filters, providers: toggled(filters.providers, id) })}
          >
            {name} <span class="count">{byProvider[id] ?? 0}</span>
          </button>
        ))}
      </fieldset>
      <fieldset class="chips" aria-label="Categories">
        {CATEGORIES.map((category) => (
          <button
            type="button"
            key={category}
            class={`chip tag-${category}`}
            data-testid="category-filter"
            data-category={category}
            aria-pressed={filters.categories.includes(category)}
            onClick={() => onChange({ ...filters, categories: toggled(filters.categories, category) })}
          >
            {category} <span class="count">{byCategory[category] ?? 0}</span>
          </button>
        ))}
      </fieldset>
      {filters.range && (
        <span class="chip range-chip" data-testid="range-chip">
          <span class="range-label">Time {spanText(filters.range)}</span>
          <button
            type="button"
            class="icon"
            aria-label="Remove the time range"
            title="Remove the time range"
            onClick={() => onChange({ ...filters, range: undefined })}
          >
            ×
          </button>
        </span>
      )}
    </div>
  );
}
