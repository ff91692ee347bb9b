import type { Ref } from 'preact';
import type { FormatId } from '../lib/format';

interface ToolbarProps {
  searchRef: Ref<HTMLInputElement>;
  search: string;
  onSearch(text: string): void;
  preserveLog: boolean;
  onPreserveLog(preserve: boolean): void;
  onClear(): void;
  /** "12 diagnoses · 3 shown · 40 oldest dropped" */
  count: string;
  canExport: boolean;
  onExport(format: Extract<FormatId, 'json' | 'markdown'>): void;
  onImport(file: File): void;
  onOpenSettings(): void;
  catalogOpen: boolean;
  onToggleCatalog(): void;
}

export function Toolbar(props: ToolbarProps) {
  return (
    <div class="toolbar" role="toolbar" aria-label="PayLens">
      <button type="button" onClick={props.onClear} title="Clear the timeline">
        Clear
      </button>
      <label class="toggle">
        <input
          type="checkbox"
          checked={props.preserveLog}
          onChange={(event) => props.onPreserveLog(event.currentTarget.checked)}
        />
        Preserve log
      </label>
      <input
        ref={props.searchRef}
        type="search"
        class="search"
        placeholder="Filter by code, message or URL  ( / )"
        aria-label="Search code, message and URL"
        value={props.search}
        onInput={(event) => props.onSearch(event.currentTarget.value)}
      />
      <span class="live-count" data-testid="live-count" aria-live="polite">
        {props.count}
      </span>
      <span class="spacer" />
      <button
        type="button"
        aria-pressed={props.catalogOpen}
        title="The documented errors of every provider, searchable without traffic (b)"
        data-testid="toggle-catalog"
        onClick={props.onToggleCatalog}
      >
        Catalog
      </button>
      <button type="button" disabled={!props.canExport} onClick={() => props.onExport('json')}>
        Export JSON
      </button>
      <button type="button" disabled={!props.canExport} onClick={() => props.onExport('markdown')}>
        Export Markdown
      </button>
      <label class="button">
        Import HAR…
        <input
          type="file"
          accept=".har,.harp,application/json"
          class="visually-hidden"
          data-testid="har-input"
          onChange={(event) => {
            const file = event.currentTarget.files?.[0];
            event.currentTarget.value = '';
            if (file) props.onImport(file);
          }}
        />
      </label>
      <button
        type="button"
        title="Settings: your own hosts, providers, retention"
        aria-label="Settings"
        data-testid="open-settings"
        onClick={props.onOpenSettings}
      >
        {/* The text variation selector keeps the gear a glyph in the toolbar's colour, not an emoji. */}
        {'\u2699\uFE0E'}
      </button>
    </div>
  );
}
