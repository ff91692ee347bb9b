import { redactUrl } from '../lib/redact';
import type { TimelineItem } from '../lib/timeline';
import { pathOf } from '../lib/url';

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
  const d = item.finding.diagnosis;
  return (
    <div
      id={`row-${item.id}`}
      data-row-id={item.id}
      class={selected ? 'row selected' : 'row'}
      role="option"
      aria-selected={selected}
      tabIndex={-1}
      data-testid="diagnosis-row"
      data-provider={d.provider}
      data-code={d.code ?? ''}
      data-category={d.category}
      data-status={String(d.status)}
      style={style}
    >
      <span class="cell time">{clockTime(d.startedDateTime)}</span>
      <span class="cell provider">{d.providerName}</span>
      <span class="cell status">{d.status}</span>
      <span class="cell code" title={d.code ?? d.message ?? ''}>
        {d.code ?? d.message ?? '—'}
        {!d.documented && (
          <span class="undocumented" title="Not in the provider’s documentation">
            ?
          </span>
        )}
      </span>
      <span class={`cell category tag tag-${d.category}`}>{d.category}</span>
      <span class="cell title">{d.title}</span>
      <span class="cell request" title={redactUrl(d.url)}>
        {d.method} {pathOf(redactUrl(d.url))}
      </span>
    </div>
  );
}
