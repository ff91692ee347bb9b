import { Component } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { CATEGORIES, type Category } from '../lib/types';
import {
  type BinSummary,
  binOf,
  countsIn,
  describeCounts,
  EMPTY_OVERVIEW,
  type Overview,
  type OverviewLane,
  overviewOf,
  rangeOfBins,
  rangeOfFractions,
} from '../panel/overview';
import type { TimeRange } from '../panel/ports';
import type { Timeline } from '../panel/timeline';
import { clockTime } from './TimelineRow';

/** Pixels per lane; the drawing's vertical units are pixels, its horizontal ones bins. */
export const LANE_HEIGHT = 18;
/** Bands of a lane, top to bottom, a pixel apart: the rate-limit mark, the bars, the warning mark. */
const MARK_TOP = 0;
const MARK_HEIGHT = 2;
const BARS_TOP = 3;
const BARS_HEIGHT = 10;
const WARNING_TOP = 14;
/** A drag shorter than this is a click, not a range. */
const MIN_DRAG_PX = 3;

/** User Timing names: the aggregate, then the drawing of the lanes it gave. */
const AGGREGATE_START = 'paylens:overview-aggregate-start';
const DRAW_START = 'paylens:overview-draw-start';
export const AGGREGATE_MEASURE = 'paylens:overview-aggregate';
export const DRAW_MEASURE = 'paylens:overview-draw';

const clock = (ms: number) => clockTime(new Date(ms).toISOString());
export const spanText = ({ from, to }: TimeRange) => `${clock(from)}–${clock(to)}`;

/** A bin-wide box as a subpath: lanes draw all their boxes of a kind as one path. */
const box = (x: number, y: number, height: number) => `M${x} ${y.toFixed(2)}h1v${height.toFixed(2)}h-1z`;

/**
 * One lane: a path per category holding that category's part of every bin, stacked, and a
 * path each for the rate-limit and warning marks. A few elements per lane, whatever the traffic.
 */
function Lane({ lane, top }: { lane: OverviewLane; top: number }) {
  const paths = new Map<Category, { d: string; bins: number[] }>();
  let rateLimits = '';
  let warnings = '';
  const rateBins: number[] = [];
  const warningBins: number[] = [];
  for (const bin of lane.bins) {
    // The square root keeps a lone diagnosis visible beside a burst of thousands.
    const height = Math.max(2, BARS_HEIGHT * Math.sqrt(bin.total / lane.peak));
    let y = top + BARS_TOP + BARS_HEIGHT;
    for (const category of CATEGORIES) {
      const count = bin.counts[category];
      if (!count) continue;
      const part = (height * count) / bin.total;
      y -= part;
      const path = paths.get(category) ?? { d: '', bins: [] };
      path.d += box(bin.index, y, part);
      path.bins.push(bin.index);
      paths.set(category, path);
    }
    if (bin.rateLimits > 0) {
      rateLimits += box(bin.index, top + MARK_TOP, MARK_HEIGHT);
      rateBins.push(bin.index);
    }
    if (bin.warnings > 0) {
      warnings += box(bin.index, top + WARNING_TOP, MARK_HEIGHT);
      warningBins.push(bin.index);
    }
  }
  // The bins listed are identifiers for tests and tools, like the rows' data- attributes.
  return (
    <g data-testid="overview-lane" data-provider={lane.provider} data-total={lane.total}>
      {CATEGORIES.filter((category) => paths.has(category)).map((category) => (
        <path
          key={category}
          class={`overview-bar tag-${category}`}
          data-category={category}
          data-bins={paths.get(category)?.bins.join(' ')}
          d={paths.get(category)?.d}
        />
      ))}
      {rateLimits && <path class="overview-rate-limit" data-bins={rateBins.join(' ')} d={rateLimits} />}
      {warnings && <path class="overview-warning" data-bins={warningBins.join(' ')} d={warnings} />}
    </g>
  );
}

/** Renders again only for a new aggregate: hovering and selecting leave the bars alone. */
abstract class OnNewOverview extends Component<{ overview: Overview }> {
  override shouldComponentUpdate(next: { overview: Overview }): boolean {
    return next.overview !== this.props.overview;
  }
}

class Lanes extends OnNewOverview {
  override render() {
    performance.clearMarks(DRAW_START);
    performance.mark(DRAW_START);
    return this.props.overview.lanes.map((lane, index) => (
      <Lane key={lane.provider} lane={lane} top={index * LANE_HEIGHT} />
    ));
  }
}

/**
 * Rendered right after the lanes, so their elements exist by now: the aggregate and the
 * drawing's time, for DevTools' Performance panel and the benchmark.
 */
class DrawnMark extends OnNewOverview {
  override render() {
    performance.clearMeasures(DRAW_MEASURE);
    performance.measure(DRAW_MEASURE, DRAW_START);
    return null;
  }
}

interface OverviewStripProps {
  timeline: Timeline;
  /** The timeline's version: the strip aggregates again when it changes. */
  version: number;
  range: TimeRange | undefined;
  onRange(range: TimeRange | undefined): void;
}

const KEY_HELP =
  '←/→ move, Shift+←/→ select bins, Home/End jump, Enter filters to the selection, Escape clears';

function hoverText(summaries: BinSummary[], span: TimeRange): string {
  const counts = summaries.length === 0 ? 'no diagnoses' : summaries.map(describeCounts).join(' · ');
  return `${spanText(span)} · ${counts}`;
}

/**
 * Above the timeline: a lane per provider with traffic, its diagnoses in time bins. Dragging
 * across it, or selecting bins from the keyboard, filters the list to that time range.
 */
export function OverviewStrip({ timeline, version, range, onRange }: OverviewStripProps) {
  // The timeline changes in place; its version says when to aggregate again. After the
  // panel has painted: at 200,000 diagnoses the aggregate takes some 50 ms, which the list's
  // first frame and each new row should not wait for; the strip follows a frame later.
  const [overview, setOverview] = useState<Overview>(EMPTY_OVERVIEW);
  useEffect(() => {
    performance.clearMarks(AGGREGATE_START);
    performance.clearMeasures(AGGREGATE_MEASURE);
    performance.mark(AGGREGATE_START);
    setOverview(overviewOf(timeline.items, timeline.warnings));
    performance.measure(AGGREGATE_MEASURE, AGGREGATE_START);
  }, [timeline, version]);
  const plot = useRef<HTMLDivElement>(null);
  const [hover, setHover] = useState<{ lane: number; bin: number } | null>(null);
  const [drag, setDrag] = useState<{ start: number; end: number } | null>(null);
  const [cursor, setCursor] = useState<number | null>(null);
  const [anchor, setAnchor] = useState<number | null>(null);

  if (overview.lanes.length === 0) return null;
  const { bins, lanes } = overview;
  const height = lanes.length * LANE_HEIGHT;

  /** Where a pointer is across the plot, from 0 to 1, and over which lane. */
  const locate = (event: PointerEvent) => {
    const box = plot.current?.getBoundingClientRect();
    if (!box || box.width <= 0) return null;
    return {
      fraction: Math.min(1, Math.max(0, (event.clientX - box.left) / box.width)),
      lane: Math.min(lanes.length - 1, Math.max(0, Math.floor((event.clientY - box.top) / LANE_HEIGHT))),
      width: box.width,
    };
  };
  const binAt = (fraction: number) => Math.min(bins - 1, Math.floor(fraction * bins));

  const onPointerDown = (event: PointerEvent) => {
    if (event.button !== 0) return;
    const at = locate(event);
    if (!at) return;
    (event.currentTarget as Element).setPointerCapture?.(event.pointerId);
    setDrag({ start: at.fraction, end: at.fraction });
  };
  const onPointerMove = (event: PointerEvent) => {
    const at = locate(event);
    if (!at) return;
    setHover({ lane: at.lane, bin: binAt(at.fraction) });
    if (drag) setDrag({ ...drag, end: at.fraction });
  };
  const onPointerUp = (event: PointerEvent) => {
    const at = locate(event);
    if (drag && at && Math.abs(at.fraction - drag.start) * at.width >= MIN_DRAG_PX) {
      onRange(rangeOfFractions(overview, drag.start, at.fraction));
      setAnchor(null);
    }
    setDrag(null);
  };

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    const current = cursor ?? (range ? binOf(overview, range.from) : 0);
    const moveTo = (next: number) => {
      const clamped = Math.min(bins - 1, Math.max(0, next));
      if (event.shiftKey) setAnchor(anchor ?? current);
      else setAnchor(null);
      setCursor(clamped);
    };
    const byKey: Record<string, (() => void) | undefined> = {
      ArrowLeft: () => moveTo(cursor === null ? current : current - 1),
      ArrowRight: () => moveTo(cursor === null ? current : current + 1),
      Home: () => moveTo(0),
      End: () => moveTo(bins - 1),
      Enter: () => {
        onRange(rangeOfBins(overview, anchor ?? current, current));
        setAnchor(null);
        setCursor(current);
      },
      Escape:
        anchor !== null
          ? () => setAnchor(null)
          : range
            ? () => onRange(undefined)
            : cursor !== null
              ? () => setCursor(null)
              : undefined,
    };
    const action = byKey[event.key];
    if (!action) return;
    // Handled here: the list's own shortcuts must not act on it as well.
    event.preventDefault();
    event.stopPropagation();
    action();
  };

  // What the counts line speaks of: the bins under the pointer, else the keyboard's.
  const dragBins = drag ? [binAt(drag.start), binAt(drag.end)] : null;
  const keyBins = cursor === null ? null : [anchor ?? cursor, cursor];
  let described: string | null = null;
  if (dragBins) {
    const [first = 0, last = 0] = dragBins;
    described = hoverText(countsIn(overview, first, last), rangeOfBins(overview, first, last));
  } else if (hover) {
    const lane = lanes[hover.lane];
    const span = rangeOfBins(overview, hover.bin, hover.bin);
    const summary = countsIn(overview, hover.bin).filter(({ provider }) => provider === lane?.provider);
    described = hoverText(summary, span);
  } else if (keyBins) {
    const [first = 0, last = 0] = keyBins;
    described = hoverText(countsIn(overview, first, last), rangeOfBins(overview, first, last));
  }

  const xOf = (time: number) => Math.min(bins, Math.max(0, (time - overview.from) / overview.binMs));
  const pending = dragBins ?? (anchor !== null && cursor !== null ? [anchor, cursor] : null);

  return (
    <section class="overview" data-testid="overview" aria-label="Overview of the diagnoses over time">
      <ul class="overview-labels" style={{ height: `${height}px` }}>
        {lanes.map((lane) => (
          <li
            key={lane.provider}
            data-testid="overview-label"
            data-provider={lane.provider}
            style={{ height: `${LANE_HEIGHT}px` }}
          >
            {lane.name} <span class="count">{lane.total}</span>
          </li>
        ))}
      </ul>
      <div
        class="overview-plot"
        data-testid="overview-plot"
        ref={plot}
        tabIndex={0}
        role="slider"
        aria-label={`Time range: ${KEY_HELP}`}
        aria-valuemin={0}
        aria-valuemax={bins - 1}
        aria-valuenow={cursor ?? 0}
        aria-valuetext={described ?? spanText(overview)}
        aria-describedby="overview-counts"
        onPointerDown={onPointerDown}
        onPointerMove={onPointerMove}
        onPointerUp={onPointerUp}
        onPointerCancel={() => setDrag(null)}
        onPointerLeave={() => setHover(null)}
        onKeyDown={onKeyDown}
        onBlur={() => setAnchor(null)}
      >
        <svg
          viewBox={`0 0 ${bins} ${height}`}
          preserveAspectRatio="none"
          width="100%"
          height={height}
          aria-hidden="true"
        >
          {/* Under the bars, which keep their colours inside the range. */}
          {range && (
            <rect
              class="overview-range"
              data-testid="overview-range"
              x={xOf(range.from)}
              y={0}
              width={Math.max(0.2, xOf(range.to) - xOf(range.from))}
              height={height}
            />
          )}
          <Lanes overview={overview} />
          {pending && (
            <rect
              class="overview-pending"
              data-testid="overview-pending"
              x={Math.min(...pending)}
              y={0}
              width={Math.abs((pending[0] ?? 0) - (pending[1] ?? 0)) + 1}
              height={height}
            />
          )}
          {cursor !== null && (
            <rect
              class="overview-cursor"
              data-testid="overview-cursor"
              x={cursor}
              y={0}
              width={1}
              height={height}
            />
          )}
        </svg>
        <DrawnMark overview={overview} />
      </div>
      <output id="overview-counts" class="overview-counts" data-testid="overview-counts" aria-live="polite">
        {described ?? `${spanText(overview)} · drag or use ←/→ to choose a time range`}
      </output>
    </section>
  );
}
