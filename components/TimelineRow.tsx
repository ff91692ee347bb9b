import { presentationOf } from '../lib/presentation';
import type { TimelineItem } from '../panel/timeline';

export const ROW_HEIGHT = 24;

const pad = (value: number, width = 2) => String(value).padStart(width, '0');

/** Local wall-clock time with milliseconds, like the Network panel's waterfall tooltips. */
export function clockTime(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  return `${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}.${pad(date.getMilliseconds(), 3)}`;
}

interface RowProps {
  item: TimelineItem;
  top: number;
  selected: boolean;
}

export function TimelineRow({ item, top, selected }: RowProps) {
  const style = { top: `${top}px`, height: `${ROW_HEIGHT}px` };
  if (item.kind === 'separator') {
    return (
      <div class="separator" data-testid="navigation-separator" style={style} title={item.label}>
        {item.label}
      </div>
    );
  }
  const shown = presentationOf(item.finding);
  // The data- attributes are identifiers other tools select on: raw, by contract.
  return (
    <div
      id={`row-${item.id}`}
      data-row-id={item.id}
      class={selected ? 'row selected' : 'row'}
      role="option"
      aria-selected={selected}
      tabIndex={-1}
      data-testid="diagnosis-row"
      data-provider={shown.provider}
      data-code={shown.codeAttribute}
      data-category={shown.category}
      data-status={String(shown.status)}
      data-insights={shown.insights.map(({ kind }) => kind).join(' ')}
      data-origin={shown.backend ? 'backend' : 'browser'}
      style={style}
    >
      <span class="cell time">{clockTime(shown.startedDateTime)}</span>
      <span class="cell provider">
        {shown.backend && (
          <span
            class="origin"
            data-testid="backend-origin"
            title={`Diagnosed by the backend of ${shown.backend.reportedBy}, in its response to ${shown.backend.pageRequest}`}
          >
            {shown.backend.reportedBy}
          </span>
        )}
        {shown.providerName}
      </span>
      <span class="cell status">{shown.status}</span>
      <span class="cell code" title={shown.code ?? shown.message ?? ''}>
        {shown.code ?? shown.message ?? '—'}
        {!shown.documented && (
          <span class="undocumented" title="Not in the provider’s documentation">
            ?
          </span>
        )}
      </span>
      <span class={`cell category tag tag-${shown.category}`}>{shown.category}</span>
      <span class="cell title">
        {shown.insights.length > 0 && (
          <span class="why-marker" title={`Why here: ${shown.insights.map(({ text }) => text).join(' ')}`}>
            ◆{' '}
          </span>
        )}
        {shown.title}
      </span>
      <span class="cell request" title={shown.url}>
        {shown.method} {shown.path}
      </span>
    </div>
  );
}
