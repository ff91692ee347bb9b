import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { TimelineItem } from '../panel/timeline';
import { ROW_HEIGHT, TimelineRow } from './TimelineRow';

/** Rows rendered beyond the visible ones, so fast scrolling does not show blanks. */
const OVERSCAN = 8;

interface TimelineListProps {
  rows: readonly TimelineItem[];
  selectedId: number | null;
  onSelect(id: number): void;
}

/**
 * Only the rows in view are in the DOM, each at a fixed height, so ten thousand rows
 * scroll like ten. Like the Network panel it follows the newest row until the user
 * scrolls up, and follows again once they scroll back to the bottom.
 */
export function TimelineList({ rows, selectedId, onSelect }: TimelineListProps) {
  const scroller = useRef<HTMLDivElement>(null);
  const following = useRef(true);
  const [scrollTop, setScrollTop] = useState(0);
  const [height, setHeight] = useState(0);
  // Read by the selection effect, which must run when the selection moves, not when rows arrive.
  const latestRows = useRef(rows);
  latestRows.current = rows;

  useLayoutEffect(() => {
    const element = scroller.current;
    if (!element) return;
    const measure = () => setHeight(element.clientHeight);
    measure();
    if (typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    return () => observer.disconnect();
  }, []);

  useLayoutEffect(() => {
    const element = scroller.current;
    if (!element || !following.current) return;
    element.scrollTop = element.scrollHeight;
    setScrollTop(element.scrollTop);
  }, [rows]);

  useEffect(() => {
    const element = scroller.current;
    const index = latestRows.current.findIndex((row) => row.id === selectedId);
    if (!element || index < 0) return;
    const rowTop = index * ROW_HEIGHT;
    if (rowTop < element.scrollTop) element.scrollTop = rowTop;
    else if (rowTop + ROW_HEIGHT > element.scrollTop + element.clientHeight)
      element.scrollTop = rowTop + ROW_HEIGHT - element.clientHeight;
  }, [selectedId]);

  const onScroll = () => {
    const element = scroller.current;
    if (!element) return;
    following.current = element.scrollTop + element.clientHeight >= element.scrollHeight - ROW_HEIGHT;
    setScrollTop(element.scrollTop);
  };

  // Before the first layout (and in test DOMs without layout) assume a full window.
  const viewport = height || window.innerHeight;
  const first = Math.max(0, Math.floor(scrollTop / ROW_HEIGHT) - OVERSCAN);
  const last = Math.min(rows.length, Math.ceil((scrollTop + viewport) / ROW_HEIGHT) + OVERSCAN);

  return (
    <div
      class="timeline"
      ref={scroller}
      onScroll={onScroll}
      role="listbox"
      aria-label="Diagnoses"
      aria-activedescendant={selectedId === null ? undefined : `row-${selectedId}`}
      tabIndex={0}
      onMouseDown={(event) => {
        // Like the Network panel, a row is selected on mouse down. One handler for all
        // rows, which come and go as the list scrolls.
        const row = (event.target as Element).closest('[data-row-id]');
        if (row) onSelect(Number(row.getAttribute('data-row-id')));
      }}
    >
      <div class="timeline-content" style={{ height: `${rows.length * ROW_HEIGHT}px` }}>
        {rows.slice(first, last).map((item, offset) => (
          <TimelineRow
            key={item.id}
            item={item}
            top={(first + offset) * ROW_HEIGHT}
            selected={item.id === selectedId}
          />
        ))}
      </div>
    </div>
  );
}
