import { describe, expect, it } from 'vitest';
import type { FileWarning } from '../../lib/format/summary';
import type { Category, Finding } from '../../lib/types';
import { isFiltering, NO_FILTERS, viewOf } from '../../panel/filters';
import {
  countsIn,
  describeCounts,
  OVERVIEW_BINS,
  overviewOf,
  rangeOfBins,
  rangeOfFractions,
} from '../../panel/overview';
import { DEFAULT_PANEL_STATE, panelStateFrom, persistedState } from '../../panel/settings';
import { Timeline } from '../../panel/timeline';

const T0 = Date.parse('2026-11-22T10:00:00.000Z');

interface Made {
  provider: string;
  category: Category;
  /** Seconds after T0. */
  at: number;
  entryIndex?: number;
  insight?: boolean;
}

function finding({ provider, category, at, entryIndex, insight }: Made): Finding {
  return {
    entryIndex,
    diagnosis: {
      provider,
      category,
      startedDateTime: new Date(T0 + at * 1000).toISOString(),
      code: `${provider}-${category}`,
      message: null,
      url: `https://${provider}.example/secret?token=abc`,
    },
    ...(insight ? { analysis: { insights: [{ kind: 'repeated' }], supportIds: [] } } : {}),
  } as unknown as Finding;
}

function timelineOf(...made: Made[]): Timeline {
  const timeline = new Timeline();
  for (const item of made) timeline.add(finding(item));
  return timeline;
}

describe('overviewOf', () => {
  it('has nothing to draw without diagnoses', () => {
    const timeline = new Timeline();
    timeline.addSeparator('Navigated', new Date(T0).toISOString());
    expect(overviewOf(timeline.items).lanes).toEqual([]);
  });

  it('gives each provider with traffic a lane, in the catalog order, with counts per category', () => {
    const timeline = timelineOf(
      { provider: 'payfield', category: 'auth', at: 0 },
      { provider: 'kiotapay', category: 'validation', at: 0 },
      { provider: 'kiotapay', category: 'auth', at: 0.001 },
      { provider: 'kiotapay', category: 'auth', at: 100 },
    );
    const overview = overviewOf(timeline.items);
    expect(overview.lanes.map(({ provider, total }) => [provider, total])).toEqual([
      ['kiotapay', 3],
      ['payfield', 1],
    ]);
    expect(overview.from).toBe(T0);
    expect(overview.to).toBe(T0 + 100_001);
    expect(overview.bins).toBe(OVERVIEW_BINS);
    const [kiotapay] = overview.lanes;
    expect(kiotapay?.bins.map(({ index, counts, total }) => ({ index, counts, total }))).toEqual([
      { index: 0, counts: { validation: 1, auth: 1 }, total: 2 },
      { index: OVERVIEW_BINS - 1, counts: { auth: 1 }, total: 1 },
    ]);
    expect(kiotapay?.peak).toBe(2);
    expect(kiotapay?.name).toBe('Kiotapay');
  });

  it('marks rate limits, and warnings from insights and from the session warnings', () => {
    const timeline = timelineOf(
      { provider: 'apipay', category: 'rate-limit', at: 0, entryIndex: 0 },
      { provider: 'apipay', category: 'rate-limit', at: 0, entryIndex: 1, insight: true },
      { provider: 'apipay', category: 'auth', at: 50, entryIndex: 2 },
      { provider: 'apipay', category: 'auth', at: 100, entryIndex: 3 },
    );
    const warnings: FileWarning[] = [
      { kind: 'rate', provider: 'apipay', text: 'Too many calls', related: [1, 2], figures: {} },
    ];
    const bins = overviewOf(timeline.items, warnings).lanes[0]?.bins ?? [];
    expect(bins.map(({ index, rateLimits, warnings }) => [index, rateLimits, warnings])).toEqual([
      [0, 2, 1],
      [99, 0, 1],
      [OVERVIEW_BINS - 1, 0, 0],
    ]);
  });

  it('widens a burst at one instant to a second, so its diagnoses get a bin', () => {
    const overview = overviewOf(timelineOf({ provider: 'rebell', category: 'server', at: 5 }).items);
    expect(overview.to - overview.from).toBe(1000);
    expect(overview.lanes[0]?.bins[0]?.index).toBe(OVERVIEW_BINS / 2);
  });

  it('draws 50,000 diagnoses as a few hundred bins, quickly', () => {
    const providers = ['kiotapay', 'rebell', 'payfield', 'apipay', 'alternative-payments'];
    const timeline = new Timeline(50_000);
    for (let i = 0; i < 50_000; i++)
      timeline.add(finding({ provider: providers[i % 5] as string, category: 'auth', at: i / 100 }));
    const start = performance.now();
    const overview = overviewOf(timeline.items);
    const elapsed = performance.now() - start;
    const shapes = overview.lanes.reduce((sum, lane) => sum + lane.bins.length, 0);
    expect(shapes).toBe(5 * OVERVIEW_BINS);
    expect(overview.lanes.reduce((sum, lane) => sum + lane.total, 0)).toBe(50_000);
    // Generous for a shared machine: the bench holds the real target in the browser.
    expect(elapsed).toBeLessThan(500);
  });

  it('says counts, never the URL of a diagnosis', () => {
    const timeline = timelineOf(
      { provider: 'kiotapay', category: 'auth', at: 0, insight: true },
      { provider: 'kiotapay', category: 'rate-limit', at: 0 },
    );
    const overview = overviewOf(timeline.items);
    const [summary] = countsIn(overview, 0, OVERVIEW_BINS - 1);
    expect(summary && describeCounts(summary)).toBe('Kiotapay: 2 (1 auth, 1 rate-limit), 1 warning');
    expect(JSON.stringify(overview)).not.toContain('secret');
  });
});

describe('time ranges', () => {
  const timeline = timelineOf(
    { provider: 'kiotapay', category: 'auth', at: 0 },
    { provider: 'payfield', category: 'auth', at: 40 },
    { provider: 'kiotapay', category: 'validation', at: 60 },
    { provider: 'payfield', category: 'server', at: 100 },
  );
  const overview = overviewOf(timeline.items);
  const codes = (range: { from: number; to: number }) =>
    viewOf(timeline.items, { ...NO_FILTERS, range }).shown.map(({ diagnosis }) => diagnosis.code);

  it('turns a drag across the strip into a range of times', () => {
    const range = rangeOfFractions(overview, 0.7, 0.3);
    expect(range.from).toBeCloseTo(T0 + 30_000.3);
    expect(range.to).toBeCloseTo(T0 + 70_000.7);
    expect(codes(range)).toEqual(['payfield-auth', 'kiotapay-validation']);
    // Dragged past the ends: clamped, and the last diagnosis is in.
    expect(codes(rangeOfFractions(overview, -1, 2))).toHaveLength(4);
  });

  it('turns bins chosen from the keyboard into the range they cover', () => {
    expect(rangeOfBins(overview, 0, 0)).toEqual({ from: T0, to: T0 + overview.binMs });
    expect(codes(rangeOfBins(overview, 0, 0))).toEqual(['kiotapay-auth']);
    expect(codes(rangeOfBins(overview, OVERVIEW_BINS - 1, OVERVIEW_BINS - 1))).toEqual(['payfield-server']);
    expect(codes(rangeOfBins(overview, 150, 50))).toEqual(['payfield-auth', 'kiotapay-validation']);
  });

  it('combines with the other filters, and counts as filtering', () => {
    const range = rangeOfFractions(overview, 0, 0.7);
    const view = viewOf(timeline.items, { ...NO_FILTERS, providers: ['kiotapay'], range });
    expect(view.shown.map(({ diagnosis }) => diagnosis.code)).toEqual([
      'kiotapay-auth',
      'kiotapay-validation',
    ]);
    // The counts beside the chips stay totals.
    expect(view.byProvider).toEqual({ kiotapay: 2, payfield: 2 });
    expect(isFiltering({ ...NO_FILTERS, range })).toBe(true);
    expect(isFiltering(NO_FILTERS)).toBe(false);
  });

  it('is not saved with the other filters, nor restored', () => {
    const range = { from: T0, to: T0 + 1 };
    const state = { filters: { providers: ['rebell'], categories: [], text: 'x', range }, preserveLog: true };
    expect(persistedState(state)).toEqual({
      filters: { providers: ['rebell'], categories: [], text: 'x' },
      preserveLog: true,
    });
    expect(panelStateFrom(state).filters.range).toBeUndefined();
    expect(panelStateFrom(undefined)).toBe(DEFAULT_PANEL_STATE);
  });
});
