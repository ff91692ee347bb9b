/** What the timeline shows under the current filters, and the counts beside each filter. */

import type { Category, Finding } from '../lib/types';
import { inRange, timeOf } from './overview';
import type { Filters } from './ports';
import type { TimelineItem } from './timeline';

export interface TimelineView {
  /** Diagnoses that pass the filters, with the separators of the sections they are in. */
  rows: TimelineItem[];
  /** The diagnoses among `rows`, for export. */
  shown: Finding[];
  /** Diagnoses held per provider id and per category, whatever the filters. */
  byProvider: Record<string, number>;
  byCategory: Partial<Record<Category, number>>;
}

export const NO_FILTERS: Filters = { providers: [], categories: [], text: '' };

export function isFiltering({ providers, categories, text, range }: Filters): boolean {
  return providers.length > 0 || categories.length > 0 || text.trim() !== '' || range !== undefined;
}

/** `time` is the finding's, as the timeline read it; only the range filter needs it. */
export function passes(finding: Finding, filters: Filters, needle: string, time = timeOf(finding)): boolean {
  const { diagnosis: d } = finding;
  if (filters.providers.length > 0 && !filters.providers.includes(d.provider)) return false;
  if (filters.categories.length > 0 && !filters.categories.includes(d.category)) return false;
  if (filters.range && !inRange(time, filters.range)) return false;
  if (needle === '') return true;
  return [d.code, d.message, d.url].some((text) => text?.toLowerCase().includes(needle));
}

export function viewOf(items: readonly TimelineItem[], filters: Filters): TimelineView {
  const needle = filters.text.trim().toLowerCase();
  const view: TimelineView = { rows: [], shown: [], byProvider: {}, byCategory: {} };
  let pendingSeparator: TimelineItem | undefined;
  for (const item of items) {
    if (item.kind === 'separator') {
      pendingSeparator = item;
      continue;
    }
    const { provider, category } = item.finding.diagnosis;
    view.byProvider[provider] = (view.byProvider[provider] ?? 0) + 1;
    view.byCategory[category] = (view.byCategory[category] ?? 0) + 1;
    if (!passes(item.finding, filters, needle, item.time)) continue;
    // A separator is shown only above a section that has something to show.
    if (pendingSeparator) view.rows.push(pendingSeparator);
    pendingSeparator = undefined;
    view.rows.push(item);
    view.shown.push(item.finding);
  }
  if (pendingSeparator && !isFiltering(filters)) view.rows.push(pendingSeparator);
  return view;
}
