import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { formats } from '../lib/format';
import { presentationOf } from '../lib/presentation';
import { providers as catalog } from '../lib/providers';
import { COPY_FORMAT_NAMES } from '../lib/settings';
import type { Category, Finding } from '../lib/types';
import { NO_FILTERS, viewOf } from '../panel/filters';
import type { CopyFormat, Filters, PanelPorts } from '../panel/ports';
import type { Timeline } from '../panel/timeline';
import { type CatalogFilter, WHOLE_CATALOG } from './catalog-filter';
import { copyText } from './clipboard';
import { DetailsPane } from './DetailsPane';
import { EmptyState } from './EmptyState';
import { FilterBar } from './FilterBar';
import { downloadText, fileChunks } from './files';
import { LazyCatalogView } from './LazyCatalogView';
import { OverviewStrip } from './OverviewStrip';
import { SessionWarnings } from './SessionWarnings';
import { TimelineList } from './TimelineList';
import { Toolbar } from './Toolbar';
import { useCapture } from './useCapture';
import { useFileDrop } from './useFileDrop';
import { useNotice } from './useNotice';
import { usePanelState } from './usePanelState';
import { useShortcuts } from './useShortcuts';
import { useWatched } from './useWatched';

const EXPORT_TYPES: Record<CopyFormat, { extension: string; mime: string }> = {
  json: { extension: 'json', mime: 'application/json' },
  markdown: { extension: 'md', mime: 'text/markdown' },
};

const diagnoses = (count: number) => `${count} ${count === 1 ? 'diagnosis' : 'diagnoses'}`;
const entries = (count: number, kind = '') => `${count} ${kind}${count === 1 ? 'entry' : 'entries'}`;

function countText(timeline: Timeline, shown: number): string {
  const parts = [diagnoses(timeline.size)];
  if (shown !== timeline.size) parts.push(`${shown} shown`);
  if (timeline.dropped > 0) parts.push(`${timeline.dropped} oldest dropped (limit ${timeline.cap})`);
  return parts.join(' · ');
}

export function App({ ports }: { ports: PanelPorts }) {
  const settings = useWatched(ports.settings);
  const theme = useWatched(ports.theme);
  const [state, setState, loaded] = usePanelState(ports);
  const [timeline, session, changed] = useCapture(ports, settings, state.preserveLog, loaded);
  const [selectedId, setSelectedId] = useState<number | null>(null);
  const [detailsOpen, setDetailsOpen] = useState(false);
  const [dragging, setDragging] = useState(false);
  const [notice, showNotice] = useNotice();
  const searchRef = useRef<HTMLInputElement>(null);
  const [catalogOpen, setCatalogOpen] = useState(false);
  const [dismissed, setDismissed] = useState<ReadonlySet<string>>(new Set());
  const [catalogFilter, setCatalogFilter] = useState<CatalogFilter>(WHOLE_CATALOG);
  const catalogSearchRef = useRef<HTMLInputElement>(null);

  useEffect(() => {
    document.documentElement.dataset.theme = theme;
  }, [theme]);

  const { filters } = state;
  const only = settings.matcher.providers;
  const watched = useMemo(() => (only ? catalog.filter(({ id }) => only.includes(id)) : catalog), [only]);
  // A provider switched off keeps its chip while its filter is pressed, so it can be released.
  const chips = useMemo(
    () => catalog.filter((provider) => watched.includes(provider) || filters.providers.includes(provider.id)),
    [watched, filters.providers],
  );
  const version = timeline.version;
  // The timeline changes in place; its version says when to filter again.
  const view = useMemo(() => viewOf(timeline.items, filters), [timeline, version, filters]);

  const findingRows = view.rows.filter((row) => row.kind === 'finding');
  const selected = findingRows.find((row) => row.id === selectedId)?.finding;

  const setFilters = (next: Filters) => setState({ ...state, filters: next });

  /** A related entry of the selected diagnosis: shown even when the filters hid it. */
  const showEntry = (finding: Finding, index: number) => {
    const row = timeline.findEntry(index, finding.file);
    if (!row) return;
    if (!view.rows.includes(row)) setFilters(NO_FILTERS);
    select(row.id);
  };

  const select = (id: number) => {
    setSelectedId(id);
    setDetailsOpen(true);
  };

  const move = (step: 1 | -1) => {
    const index = findingRows.findIndex((row) => row.id === selectedId);
    const next = index < 0 ? (step > 0 ? findingRows[0] : findingRows.at(-1)) : findingRows[index + step];
    if (next) setSelectedId(next.id);
  };

  /** Every copy says what it put on the clipboard, or that the browser refused. */
  const copyAndSay = async (text: string, done: string) => {
    const copied = await copyText(text);
    showNotice(copied ? done : 'Could not copy: the browser refused access to the clipboard.');
  };
  const copy = (finding: Finding, format: CopyFormat) =>
    copyAndSay(
      formats[format]([finding], { entries: 1 }),
      `Copied the diagnosis as ${COPY_FORMAT_NAMES[format]}`,
    );
  const copyCurl = (finding: Finding) =>
    copyAndSay(presentationOf(finding).curl, 'Copied as cURL: export the variables its first line names');

  const clear = () => {
    session.clear();
    ports.clearCaptured();
    setSelectedId(null);
    // A time range names the traffic just cleared.
    if (filters.range) setFilters({ ...filters, range: undefined });
    changed();
  };

  const exportShown = (format: CopyFormat) => {
    const { extension, mime } = EXPORT_TYPES[format];
    const stamp = new Date().toISOString().replace(/[:.]/g, '-');
    downloadText(
      formats[format](view.shown, { entries: timeline.examined, warnings: timeline.warnings }),
      `paylens-${stamp}.${extension}`,
      mime,
    );
  };

  const importHar = async (file: File) => {
    try {
      // HAR reading is loaded the first time a file is, not with the panel.
      const { diagnoseHar } = await import('../lib/diagnose-har');
      const result = await diagnoseHar(fileChunks(file), settings.matcher);
      // Shows in DevTools' Performance panel, and lets the benchmark time the render alone.
      performance.clearMarks('paylens:har-diagnosed');
      performance.mark('paylens:har-diagnosed');
      timeline.addSeparator(`Imported ${file.name}`, new Date().toISOString());
      // Its entries are numbered from 0 again: the file tells them from the live capture's.
      for (const finding of result.findings) timeline.add({ ...finding, file: file.name });
      timeline.putWarnings(result.warnings.map((warning) => ({ ...warning, file: file.name })));
      timeline.countExamined(result.entries);
      changed();
      const skipped = result.skipped.length > 0 ? `, ${result.skipped.length} unusable entries skipped` : '';
      // A recorder's `_file` bodies are beside the HAR on disk, where a panel cannot reach.
      const unread = result.unreadBodyFiles.length;
      const withoutBodies =
        unread > 0
          ? `; ${entries(unread, 'provider ')} read without the bodies stored beside it (_file)`
          : '';
      showNotice(
        `Imported ${file.name}: ${diagnoses(result.findings.length)} in ${entries(result.entries)}${skipped}${withoutBodies}.`,
      );
    } catch (error) {
      showNotice(`Could not import ${file.name}: ${error instanceof Error ? error.message : String(error)}`);
    }
  };

  /** From a diagnosis: the documented rows of its provider and category. */
  const openCatalogAt = (provider: string, category: Category) => {
    setCatalogFilter({ text: '', provider, category });
    setCatalogOpen(true);
  };

  // While the catalog is shown, the timeline's keys would act on rows out of sight.
  useShortcuts({
    move: (step) => !catalogOpen && move(step),
    open: () => !catalogOpen && selected && setDetailsOpen(true),
    close: () => setDetailsOpen(false),
    search: () => (catalogOpen ? catalogSearchRef : searchRef).current?.focus(),
    copy: () => !catalogOpen && selected && copy(selected, settings.copyFormat),
    copyCurl: () => !catalogOpen && selected && copyCurl(selected),
    catalog: () => setCatalogOpen(!catalogOpen),
  });

  useFileDrop(importHar, setDragging);

  return (
    <div class={`panel${dragging ? ' dragging' : ''}${catalogOpen ? ' catalog-open' : ''}`}>
      <Toolbar
        searchRef={searchRef}
        search={filters.text}
        onSearch={(text) => setFilters({ ...filters, text })}
        preserveLog={state.preserveLog}
        onPreserveLog={(preserveLog) => setState({ ...state, preserveLog })}
        onClear={clear}
        count={countText(timeline, view.shown.length)}
        canExport={view.shown.length > 0}
        onExport={exportShown}
        onImport={(file) => void importHar(file)}
        onOpenSettings={() => ports.openSettings()}
        catalogOpen={catalogOpen}
        onToggleCatalog={() => setCatalogOpen(!catalogOpen)}
      />
      <FilterBar
        providers={chips}
        filters={filters}
        byProvider={view.byProvider}
        byCategory={view.byCategory}
        onChange={setFilters}
      />
      <SessionWarnings
        warnings={timeline.warnings}
        dismissed={dismissed}
        onDismiss={(key) => setDismissed(new Set([...dismissed, key]))}
      />
      <OverviewStrip
        timeline={timeline}
        version={version}
        range={filters.range}
        onRange={(range) => setFilters({ ...filters, range })}
      />
      <div class={detailsOpen && selected ? 'main with-details' : 'main'}>
        <div class="list">
          <div class="list-header" aria-hidden="true">
            <span class="cell time">Time</span>
            <span class="cell provider">Provider</span>
            <span class="cell status">Status</span>
            <span class="cell code">Code or message</span>
            <span class="cell category">Category</span>
            <span class="cell title">Title</span>
            <span class="cell request">Request</span>
          </div>
          {timeline.size === 0 ? (
            <EmptyState providers={watched} settings={settings} />
          ) : view.rows.length === 0 ? (
            <div class="empty">
              <p>No diagnoses match the filters.</p>
              <button type="button" onClick={() => setFilters(NO_FILTERS)}>
                Show all
              </button>
            </div>
          ) : (
            <TimelineList rows={view.rows} selectedId={selectedId} onSelect={select} />
          )}
        </div>
        {detailsOpen && selected && (
          <DetailsPane
            finding={selected}
            copyFormat={settings.copyFormat}
            onCopy={(format) => void copy(selected, format)}
            onCopyCurl={() => void copyCurl(selected)}
            onClose={() => setDetailsOpen(false)}
            onOpenCatalog={() => openCatalogAt(selected.diagnosis.provider, selected.diagnosis.category)}
            isListed={(index) => timeline.findEntry(index, selected.file) !== undefined}
            onShowEntry={(index) => showEntry(selected, index)}
            onCopySupportId={(value) => void copyAndSay(value, `Copied ${value}`)}
          />
        )}
      </div>
      {/* The timeline stays mounted under the catalog, so it keeps its place and its rows. */}
      {catalogOpen && (
        <LazyCatalogView filter={catalogFilter} onFilter={setCatalogFilter} searchRef={catalogSearchRef} />
      )}
      <output class={notice ? 'notice visible' : 'notice'} data-testid="notice">
        {notice}
      </output>
    </div>
  );
}
