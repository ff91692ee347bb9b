// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { App } from '../../components/App';
import { LANE_HEIGHT } from '../../components/OverviewStrip';
import { OVERVIEW_BINS } from '../../panel/overview';
import {
  apipayRateLimited,
  createFakePorts,
  kiotapayExpiredToken,
  kiotapayMissingField,
  rows,
  SECRETS,
} from '../support/panel';

afterEach(cleanup);

const at = (seconds: number) =>
  new Date(Date.parse('2025-11-22T10:00:00.000Z') + seconds * 1000).toISOString();

/** Kiotapay at 0 s and 100 s, ApiPay's rate limits at 40 s and 60 s. */
function seeded() {
  const fake = createFakePorts();
  fake.exchange(kiotapayExpiredToken({ startedDateTime: at(0) }));
  fake.exchange(apipayRateLimited(at(40)));
  fake.exchange(apipayRateLimited(at(60)));
  fake.exchange(kiotapayExpiredToken({ startedDateTime: at(100) }));
  return fake;
}

const PLOT_WIDTH = 400;

async function mount(fake = seeded()) {
  render(<App ports={fake.ports} />);
  await waitFor(() => expect(fake.listening()).toBe(true));
  // The strip is drawn once the panel has painted.
  const plot = await screen.findByTestId('overview-plot');
  // happy-dom does no layout: the strip is 400 px wide at the left of the page.
  plot.getBoundingClientRect = () =>
    ({
      left: 0,
      top: 0,
      right: PLOT_WIDTH,
      bottom: 32,
      width: PLOT_WIDTH,
      height: 32,
      x: 0,
      y: 0,
    }) as DOMRect;
  return { fake, plot };
}

const lanes = () => screen.getAllByTestId('overview-lane');
const providersShown = () => rows().map((row) => row.dataset.provider);
const counts = () => screen.getByTestId('overview-counts').textContent ?? '';

describe('the overview strip', () => {
  it('is not drawn before there is traffic', async () => {
    const fake = createFakePorts();
    render(<App ports={fake.ports} />);
    await waitFor(() => expect(fake.listening()).toBe(true));
    expect(screen.queryByTestId('overview')).toBeNull();
  });

  it('draws a lane per provider with traffic, bins by category, rate limits marked apart', async () => {
    await mount();
    expect(lanes().map((lane) => [lane.dataset.provider, lane.dataset.total])).toEqual([
      ['kiotapay', '2'],
      ['apipay', '2'],
    ]);
    const [kiotapay, apipay] = lanes() as [HTMLElement, HTMLElement];
    const bars = (lane: Element) =>
      [...lane.querySelectorAll('.overview-bar')].map((bar) => [
        bar.getAttribute('data-category'),
        bar.getAttribute('data-bins'),
      ]);
    // One path per category and lane, whatever the number of diagnoses.
    expect(bars(kiotapay)).toEqual([['auth', `0 ${OVERVIEW_BINS - 1}`]]);
    // 40 s and 60 s into a span of 100.001 s.
    expect(bars(apipay)).toEqual([['rate-limit', `${0.4 * OVERVIEW_BINS - 1} ${0.6 * OVERVIEW_BINS - 1}`]]);
    expect(apipay.querySelector('.overview-rate-limit')?.getAttribute('data-bins')).toBe(
      `${0.4 * OVERVIEW_BINS - 1} ${0.6 * OVERVIEW_BINS - 1}`,
    );
    expect(kiotapay.querySelector('.overview-rate-limit')).toBeNull();
    expect(apipay.querySelector('.overview-bar')?.getAttribute('d')).toMatch(/^M79 \S+h1v\S+h-1zM119 /);
    // Its colours are the theme's, through the category classes of the rows.
    expect(apipay.querySelector('.overview-bar')?.getAttribute('class')).toContain('tag-rate-limit');
    expect(screen.getAllByTestId('overview-label').map((label) => label.textContent)).toEqual([
      'Kiotapay 2',
      'ApiPay.kz 2',
    ]);
  });

  it('shows the counts under the pointer, never a URL', async () => {
    const { plot } = await mount();
    // ApiPay's lane is the second; 40 s of 100 is just under 40 % across.
    fireEvent.pointerMove(plot, { clientX: 0.4 * PLOT_WIDTH - 1, clientY: LANE_HEIGHT + 4 });
    expect(counts()).toMatch(/^\d\d:\d\d:39\.\d{3}–\d\d:\d\d:40\.\d{3} · ApiPay\.kz: 1 \(1 rate-limit\)/);
    fireEvent.pointerMove(plot, { clientX: 1, clientY: 4 });
    expect(counts()).toMatch(/ · Kiotapay: 1 \(1 auth\)/);
    // Off the bins with traffic: said so.
    fireEvent.pointerMove(plot, { clientX: 0.5 * PLOT_WIDTH, clientY: 4 });
    expect(counts()).toMatch(/ · no diagnoses$/);
    expect(counts()).not.toContain('kiotapay.co');
    expect(screen.getByTestId('overview').textContent).not.toContain(SECRETS.card);
  });

  it('filters the list to a range dragged across it, shown as a chip that removes it', async () => {
    const { plot } = await mount();
    expect(screen.queryByTestId('range-chip')).toBeNull();
    fireEvent.pointerDown(plot, {
      clientX: 0.3 * PLOT_WIDTH,
      clientY: LANE_HEIGHT + 4,
      button: 0,
      pointerId: 1,
    });
    fireEvent.pointerMove(plot, { clientX: 0.7 * PLOT_WIDTH, clientY: LANE_HEIGHT + 4, pointerId: 1 });
    expect(counts()).toMatch(/ · ApiPay\.kz: 2 \(2 rate-limit\)(, \d warnings?)?$/);
    fireEvent.pointerUp(plot, { clientX: 0.7 * PLOT_WIDTH, clientY: LANE_HEIGHT + 4, pointerId: 1 });

    expect(providersShown()).toEqual(['apipay', 'apipay']);
    expect(screen.getByTestId('live-count').textContent).toBe('4 diagnoses · 2 shown');
    expect(screen.getByTestId('range-chip').textContent).toMatch(/^Time \d\d:\d\d:30\.000–\d\d:01:10\.000/);
    expect(screen.getByTestId('overview-range')).toBeTruthy();
    // The strip still shows all the traffic, to choose another range from.
    expect(lanes()).toHaveLength(2);

    fireEvent.click(screen.getByRole('button', { name: 'Remove the time range' }));
    expect(screen.queryByTestId('range-chip')).toBeNull();
    expect(providersShown()).toEqual(['kiotapay', 'apipay', 'apipay', 'kiotapay']);
  });

  it('takes a click for a click, not a range', async () => {
    const { plot } = await mount();
    fireEvent.pointerDown(plot, { clientX: 100, clientY: 4, button: 0, pointerId: 1 });
    fireEvent.pointerUp(plot, { clientX: 101, clientY: 4, pointerId: 1 });
    expect(screen.queryByTestId('range-chip')).toBeNull();
    expect(rows()).toHaveLength(4);
  });

  it('is usable from the keyboard: arrows move, Shift extends, Enter filters, Escape clears', async () => {
    const { plot } = await mount();
    // The last row selected, its details closed: Enter in the list would open them.
    fireEvent.mouseDown(rows()[3] as HTMLElement);
    fireEvent.keyDown(document.body, { key: 'Escape' });
    expect(screen.queryByTestId('details-pane')).toBeNull();
    plot.focus();
    fireEvent.keyDown(plot, { key: 'ArrowRight' });
    expect(screen.getByTestId('overview-cursor').getAttribute('x')).toBe('0');
    expect(counts()).toMatch(/ · Kiotapay: 1 \(1 auth\)/);
    // Only the strip moves: the list's ↑/↓ and Enter stay the list's.
    fireEvent.keyDown(plot, { key: 'End' });
    fireEvent.keyDown(plot, { key: 'ArrowLeft', shiftKey: true });
    expect(screen.getByTestId('overview-pending')).toBeTruthy();
    expect(counts()).toMatch(/ · Kiotapay: 1 \(1 auth\)/);
    fireEvent.keyDown(plot, { key: 'Enter' });
    expect(providersShown()).toEqual(['kiotapay']);
    expect(screen.getByTestId('range-chip')).toBeTruthy();
    expect(screen.queryByTestId('details-pane')).toBeNull();

    // From the first bin to 40 %: Kiotapay's first and ApiPay's first.
    fireEvent.keyDown(plot, { key: 'Home' });
    for (let i = 0; i < 0.4 * OVERVIEW_BINS; i++)
      fireEvent.keyDown(plot, { key: 'ArrowRight', shiftKey: true });
    expect(counts()).toMatch(/ · Kiotapay: 1 \(1 auth\)[^·]* · ApiPay\.kz: 1 \(1 rate-limit\)/);
    fireEvent.keyDown(plot, { key: 'Enter' });
    expect(providersShown()).toEqual(['kiotapay', 'apipay']);

    fireEvent.keyDown(plot, { key: 'Escape' });
    expect(screen.queryByTestId('range-chip')).toBeNull();
    expect(rows()).toHaveLength(4);
  });

  it('drops the range with the traffic it named when the timeline is cleared', async () => {
    const { plot, fake } = await mount();
    plot.focus();
    fireEvent.keyDown(plot, { key: 'Home' });
    fireEvent.keyDown(plot, { key: 'Enter' });
    expect(screen.getByTestId('range-chip')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Clear' }));
    expect(screen.queryByTestId('range-chip')).toBeNull();
    fake.exchange(kiotapayMissingField());
    await waitFor(() => expect(rows()).toHaveLength(1));
  });

  it('leaves the time range out of what is saved', async () => {
    const { plot, fake } = await mount();
    plot.focus();
    fireEvent.keyDown(plot, { key: 'Home' });
    fireEvent.keyDown(plot, { key: 'Enter' });
    await waitFor(() => expect(fake.saved.length).toBeGreaterThan(0));
    expect(fake.saved.every((state) => !('range' in state.filters))).toBe(true);
  });
});
