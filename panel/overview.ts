/**
 * The overview strip's aggregate: the held diagnoses bucketed into time bins, one lane per
 * provider with traffic, with counts per category, rate limits and warnings per bin. The
 * strip draws bins, never single diagnoses, so 50,000 rows cost what 200 bins cost. Counts
 * only: nothing here carries a URL, a body or a message.
 */
import type { FileWarning } from '../lib/format/summary';
import { startedMs } from '../lib/har-time';
import { providers as catalog } from '../lib/providers';
import { CATEGORIES, type Category, type Finding } from '../lib/types';
import type { TimeRange } from './ports';
import type { TimelineItem } from './timeline';

/** Bins across the strip: finer than a drag can aim in a DevTools-wide panel, coarse enough to draw at once. */
export const OVERVIEW_BINS = 200;

export interface OverviewBin {
  /** Its place from 0 to `bins - 1`, left to right. */
  index: number;
  total: number;
  counts: Partial<Record<Category, number>>;
  /** Diagnoses of category rate-limit: drawn with a mark of their own. */
  rateLimits: number;
  /** Diagnoses with a "why here" insight or cited by a session warning. */
  warnings: number;
}

export interface OverviewLane {
  provider: string;
  name: string;
  total: number;
  /** The bins that hold something, in order; the empty ones are left out. */
  bins: OverviewBin[];
  /** The largest `total` of its bins, to scale the lane's bars. */
  peak: number;
}

export interface Overview {
  /** The span drawn, half-open: the first diagnosis's time up to just after the last's. */
  from: number;
  to: number;
  bins: number;
  binMs: number;
  lanes: OverviewLane[];
}

export const EMPTY_OVERVIEW: Overview = { from: 0, to: 0, bins: OVERVIEW_BINS, binMs: 0, lanes: [] };

/** When a diagnosis happened, in epoch ms; NaN when its time is unreadable. */
export const timeOf = (finding: Finding): number =>
  startedMs(finding.diagnosis.startedDateTime) ?? Number.NaN;

/** A span this short or shorter is widened to it, so a lone diagnosis gets a bin in the middle. */
const MIN_SPAN_MS = 1_000;

const CATEGORY_INDEX = Object.fromEntries(CATEGORIES.map((category, index) => [category, index])) as Record<
  Category,
  number
>;
const RATE_LIMIT = CATEGORY_INDEX['rate-limit'];

/** One lane's counts while they are gathered: per bin and category, and warnings per bin. */
interface Tally {
  counts: Uint32Array;
  warnings: Uint32Array;
}

/** Buckets every held diagnosis, whatever the filters: the strip is where a range is chosen from. */
export function overviewOf(
  items: readonly TimelineItem[],
  warnings: readonly FileWarning[] = [],
  bins = OVERVIEW_BINS,
): Overview {
  // Typed arrays and one pass for the span, one for the bins: no object per diagnosis.
  const times = new Float64Array(items.length);
  let first = Number.POSITIVE_INFINITY;
  let last = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < items.length; i++) {
    const item = items[i] as TimelineItem;
    const time = item.kind === 'finding' ? item.time : Number.NaN;
    times[i] = time;
    if (time < first) first = time;
    if (time > last) last = time;
  }
  if (first > last) return { ...EMPTY_OVERVIEW, bins };

  let from = first;
  let to = last + 1;
  if (to - from < MIN_SPAN_MS) {
    const middle = (first + last) / 2;
    from = Math.floor(middle - MIN_SPAN_MS / 2);
    to = from + MIN_SPAN_MS;
  }
  const binMs = (to - from) / bins;

  // Entries cited by a session warning, per file ('' for the live capture): numbers, no keys to build.
  const cited = new Map<string, Set<number>>();
  for (const warning of warnings) {
    const file = warning.file ?? '';
    const indexes = cited.get(file) ?? new Set<number>();
    for (const index of warning.related) indexes.add(index);
    cited.set(file, indexes);
  }
  let citedFile: string | undefined;
  let citedHere: Set<number> | undefined;

  const categories = CATEGORIES.length;
  const byProvider = new Map<string, Tally>();
  let lastProvider = '';
  let tally: Tally | undefined;
  for (let i = 0; i < items.length; i++) {
    const time = times[i] as number;
    if (Number.isNaN(time)) continue;
    const finding = (items[i] as Extract<TimelineItem, { kind: 'finding' }>).finding;
    const { provider, category } = finding.diagnosis;
    if (provider !== lastProvider || !tally) {
      tally = byProvider.get(provider);
      if (!tally) {
        tally = { counts: new Uint32Array(bins * categories), warnings: new Uint32Array(bins) };
        byProvider.set(provider, tally);
      }
      lastProvider = provider;
    }
    const bin = Math.min(bins - 1, Math.floor((time - from) / binMs));
    const categoryIndex = CATEGORY_INDEX[category];
    if (categoryIndex !== undefined) {
      const at = bin * categories + categoryIndex;
      tally.counts[at] = (tally.counts[at] as number) + 1;
    }
    let warned = finding.analysis !== undefined && finding.analysis.insights.length > 0;
    if (!warned && cited.size > 0 && finding.entryIndex !== undefined) {
      const file = finding.file ?? '';
      if (file !== citedFile) {
        citedFile = file;
        citedHere = cited.get(file);
      }
      warned = citedHere?.has(finding.entryIndex) ?? false;
    }
    if (warned) tally.warnings[bin] = (tally.warnings[bin] as number) + 1;
  }

  const lanes: OverviewLane[] = [];
  const ordered = [
    ...catalog.map(({ id }) => id).filter((id) => byProvider.has(id)),
    ...[...byProvider.keys()].filter((id) => !catalog.some((provider) => provider.id === id)).sort(),
  ];
  for (const provider of ordered) {
    const { counts, warnings: warned } = byProvider.get(provider) as Tally;
    const filled: OverviewBin[] = [];
    let total = 0;
    let peak = 0;
    for (let index = 0; index < bins; index++) {
      let binTotal = 0;
      const binCounts: Partial<Record<Category, number>> = {};
      for (let c = 0; c < categories; c++) {
        const count = counts[index * categories + c] as number;
        if (count === 0) continue;
        binCounts[CATEGORIES[c] as Category] = count;
        binTotal += count;
      }
      if (binTotal === 0) continue;
      filled.push({
        index,
        total: binTotal,
        counts: binCounts,
        rateLimits: counts[index * categories + RATE_LIMIT] as number,
        warnings: warned[index] as number,
      });
      total += binTotal;
      if (binTotal > peak) peak = binTotal;
    }
    const name = catalog.find(({ id }) => id === provider)?.name ?? provider;
    lanes.push({ provider, name, total, bins: filled, peak });
  }
  return { from, to, bins, binMs, lanes };
}

/** Bins `first` to `last`, in either order, as the half-open time range they cover. */
export function rangeOfBins({ from, to, bins, binMs }: Overview, first: number, last: number): TimeRange {
  const low = Math.max(0, Math.min(first, last));
  const high = Math.min(bins - 1, Math.max(first, last));
  return { from: from + low * binMs, to: high === bins - 1 ? to : from + (high + 1) * binMs };
}

/** Two points across the strip, as fractions of its width from 0 to 1, as a time range. */
export function rangeOfFractions({ from, to }: Overview, start: number, end: number): TimeRange {
  const clamp = (fraction: number) => Math.min(1, Math.max(0, fraction));
  const [low, high] = [clamp(start), clamp(end)].sort((a, b) => a - b) as [number, number];
  return { from: from + low * (to - from), to: from + high * (to - from) };
}

/** The bin a time falls in, clamped to the strip. */
export function binOf({ from, bins, binMs }: Overview, time: number): number {
  if (binMs <= 0) return 0;
  return Math.min(bins - 1, Math.max(0, Math.floor((time - from) / binMs)));
}

export interface BinSummary {
  provider: string;
  name: string;
  total: number;
  counts: Partial<Record<Category, number>>;
  rateLimits: number;
  warnings: number;
}

/** What each lane holds in bins `first` to `last`: the counts the strip shows on hover. */
export function countsIn(overview: Overview, first: number, last = first): BinSummary[] {
  const low = Math.min(first, last);
  const high = Math.max(first, last);
  const summaries: BinSummary[] = [];
  for (const lane of overview.lanes) {
    const summary: BinSummary = {
      provider: lane.provider,
      name: lane.name,
      total: 0,
      counts: {},
      rateLimits: 0,
      warnings: 0,
    };
    for (const bin of lane.bins) {
      if (bin.index < low || bin.index > high) continue;
      summary.total += bin.total;
      summary.rateLimits += bin.rateLimits;
      summary.warnings += bin.warnings;
      for (const [category, count] of Object.entries(bin.counts) as Array<[Category, number]>)
        summary.counts[category] = (summary.counts[category] ?? 0) + count;
    }
    if (summary.total > 0) summaries.push(summary);
  }
  return summaries;
}

/** "Kiotapay: 3 (2 auth, 1 rate-limit), 1 warning" */
export function describeCounts(summary: BinSummary): string {
  const categories = Object.entries(summary.counts)
    .map(([category, count]) => `${count} ${category}`)
    .join(', ');
  const warnings =
    summary.warnings > 0 ? `, ${summary.warnings} ${summary.warnings === 1 ? 'warning' : 'warnings'}` : '';
  return `${summary.name}: ${summary.total} (${categories})${warnings}`;
}

/** Whether a time is in a range: from included, to excluded. */
export const inRange = (time: number, range: TimeRange): boolean => time >= range.from && time < range.to;
