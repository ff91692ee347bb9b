import type { Ref } from 'preact';
import { useMemo } from 'preact/hooks';
import {
  type CatalogEntry,
  catalogEntries,
  explainEntry,
  explanationName,
  searchCatalog,
  suggestCodes,
} from '../lib/catalog';
import { describeRetry } from '../lib/format/describe';
import { providers } from '../lib/providers';
import { CATEGORIES } from '../lib/types';
import type { CatalogFilter } from './catalog-filter';

/** What the catalog view shows: the search of `paylens explain`, narrowed to a provider and a category. */

interface CatalogGroup {
  key: string;
  providerName: string;
  table: string;
  entries: CatalogEntry[];
}

/** Consecutive groups by provider and table, in the order of their best match. */
function groupsOf(entries: readonly CatalogEntry[]): CatalogGroup[] {
  const groups = new Map<string, CatalogGroup>();
  for (const entry of entries) {
    const key = `${entry.provider.id}\u0000${entry.rule.table}`;
    let group = groups.get(key);
    if (!group) {
      group = { key, providerName: entry.provider.name, table: entry.rule.table, entries: [] };
      groups.set(key, group);
    }
    group.entries.push(entry);
  }
  return [...groups.values()];
}

function CatalogEntryView({ entry }: { entry: CatalogEntry }) {
  const e = explainEntry(entry);
  return (
    <article
      class="catalog-entry"
      data-testid="catalog-entry"
      data-provider={e.provider}
      data-code={e.code ?? ''}
    >
      <h4>
        <span class="mono">{explanationName(e)}</span>{' '}
        <span class={`tag tag-${e.category}`}>{e.category}</span>
        {e.status !== undefined && (e.code !== undefined || e.message !== undefined) && (
          <span class="muted"> HTTP {e.status}</span>
        )}
      </h4>
      <p>
        <strong>{e.title}.</strong> {e.meaning}
      </p>
      <p>
        <strong>Remedy:</strong> {e.remedy}
      </p>
      <p class="retry">{describeRetry(e.retry)}</p>
      {e.note && <p class="note">{e.note}</p>}
      <p>
        <a href={e.docsUrl} target="_blank" rel="noreferrer">
          {e.providerName} documentation
        </a>
      </p>
    </article>
  );
}

interface CatalogViewProps {
  filter: CatalogFilter;
  onFilter(filter: CatalogFilter): void;
  searchRef: Ref<HTMLInputElement>;
}

/** Every documented row, grouped by provider and table, searchable as `paylens explain` is. */
export function CatalogView({ filter, onFilter, searchRef }: CatalogViewProps) {
  const found = useMemo(
    () =>
      searchCatalog({
        text: filter.text,
        ...(filter.provider !== null ? { provider: filter.provider } : {}),
        ...(filter.category !== null ? { category: filter.category } : {}),
      }),
    [filter],
  );
  const suggestions = found.length === 0 && filter.text.trim() !== '' ? suggestCodes(filter.text) : [];
  return (
    <section class="catalog" aria-label="Error catalog" data-testid="catalog-view">
      <div class="filter-bar">
        <input
          ref={searchRef}
          type="search"
          class="search"
          placeholder="Code, message or words  ( / )"
          aria-label="Search the catalog"
          value={filter.text}
          onInput={(event) => onFilter({ ...filter, text: event.currentTarget.value })}
        />
        <select
          aria-label="Provider"
          value={filter.provider ?? ''}
          onChange={(event) => onFilter({ ...filter, provider: event.currentTarget.value || null })}
        >
          <option value="">All providers</option>
          {providers.map(({ id, name }) => (
            <option key={id} value={id}>
              {name}
            </option>
          ))}
        </select>
        <select
          aria-label="Category"
          value={filter.category ?? ''}
          onChange={(event) =>
            onFilter({
              ...filter,
              category: CATEGORIES.find((category) => category === event.currentTarget.value) ?? null,
            })
          }
        >
          <option value="">All categories</option>
          {CATEGORIES.map((category) => (
            <option key={category} value={category}>
              {category}
            </option>
          ))}
        </select>
        <span class="live-count" data-testid="catalog-count" aria-live="polite">
          {found.length === catalogEntries.length
            ? `${found.length} documented rows`
            : `${found.length} of ${catalogEntries.length} documented rows`}
        </span>
      </div>
      <div class="catalog-body">
        {found.length === 0 ? (
          <div class="empty">
            <p>No documented row matches.</p>
            {suggestions.length > 0 && (
              <p>
                Did you mean{' '}
                {suggestions.map((code, index) => (
                  <span key={code}>
                    {index > 0 && ' or '}
                    <button type="button" onClick={() => onFilter({ ...filter, text: code })}>
                      {code}
                    </button>
                  </span>
                ))}
                ?
              </p>
            )}
          </div>
        ) : (
          groupsOf(found).map((group) => (
            <section key={group.key} class="catalog-group">
              <h3>
                {group.providerName} <span class="muted">· {group.table}</span>
              </h3>
              {group.entries.map((entry) => (
                <CatalogEntryView key={catalogEntries.indexOf(entry)} entry={entry} />
              ))}
            </section>
          ))
        )}
      </div>
    </section>
  );
}
