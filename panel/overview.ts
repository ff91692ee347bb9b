/**
 * The overview strip's aggregate: the held diagnoses bucketed into time bins, one lane per
 * provider with traffic, with counts per category, rate limits and warnings per bin. The
 * strip draws bins, never single diagnoses, so 50,000 rows cost what 200 bins cost. Counts
 * only: nothing here carries a URL, a body or a message.
 */
import type { FileWarning } from '../lib/format/summary';
import { providers as catalog } from '../lib/providers';
import type { Category, Finding } from '../lib/types';
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
export const timeOf = (finding: Finding): number => Date.parse(finding.diagnosis.startedDateTime);

/** A span this short or shorter is widened to it, so a lone diagnosis gets a bin in the middle. */
const MIN_SPAN_MS = 1_000;

const warningKey = (file: string | undefined, index: number) => `${file ?? ''}\u0000${index}`;

/** Buckets every held diagnosis, whatever the filters: the strip is where a range is chosen from. */
export function overviewOf(
  items: readonly TimelineItem[],
  warnings: readonly FileWarning[] = [],
  bins = OVERVIEW_BINS,
): Overview {
  const findings: Finding[] = [];
  const times: number[] = [];
  let first = Number.POSITIVE_INFINITY;
  let last = Number.NEGATIVE_INFINITY;
  for (const item of items) {
    if (item.kind !== 'finding') continue;
    const time = timeOf(item.finding);
    if (Number.isNaN(time)) continue;
    findings.push(item.finding);
    times.push(time);
    if (time < first) first = time;
    if (time > last) last = time;
  }
  if (findings.length === 0) return { ...EMPTY_OVERVIEW, bins };

  let from = first;
  let to = last + 1;
  if (to - from < MIN_SPAN_MS) {
    const middle = (first + last) / 2;
    from = Math.floor(middle - MIN_SPAN_MS / 2);
    to = from + MIN_SPAN_MS;
  }
  const binMs = (to - from) / bins;

  const cited = new Set<string>();
  for (const warning of warnings)
    for (const index of warning.related) cited.add(warningKey(warning.file, index));

  const byProvider = new Map<string, Array<OverviewBin | undefined>>();
  for (let i = 0; i < findings.length; i++) {
    const finding = findings[i] as Finding;
    const { provider, category } = finding.diagnosis;
    let lane = byProvider.get(provider);
    if (!lane) {
      lane = new Array<OverviewBin | undefined>(bins);
      byProvider.set(provider, lane);
    }
    const index = Math.min(bins - 1, Math.floor(((times[i] as number) - from) / binMs));
    let bin = lane[index];
    if (!bin) {
      bin = { index, total: 0, counts: {}, rateLimits: 0, warnings: 0 };
      lane[index] = bin;
    }
    bin.total++;
    bin.counts[category] = (bin.counts[category] ?? 0) + 1;
    if (category === 'rate-limit') bin.rateLimits++;
    const warned =
      (finding.analysis?.insights.length ?? 0) > 0 ||
      (finding.entryIndex !== undefined && cited.has(warningKey(finding.file, finding.entryIndex)));
    if (warned) bin.warnings++;
  }

  const lanes: OverviewLane[] = [];
  const ordered = [
    ...catalog.map(({ id }) => id).filter((id) => byProvider.has(id)),
    ...[...byProvider.keys()].filter((id) => !catalog.some((provider) => provider.id === id)).sort(),
  ];
  for (const provider of ordered) {
    const filled = (byProvider.get(provider) ?? []).filter((bin): bin is OverviewBin => bin !== undefined);
    let total = 0;
    let peak = 0;
    for (const bin of filled) {
      total += bin.total;
      if (bin.total > peak) peak = bin.total;
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
