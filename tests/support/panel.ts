/** A fake devtools host and sample exchanges for the panel's component tests. */

import { apipayMessage } from '../../lib/providers/apipay/examples';
import { kiotapayError } from '../../lib/providers/kiotapay/examples';
import type { Exchange } from '../../lib/types';
import type { CaptureEvent, PanelPorts, PanelSettings, PanelState, ThemeName } from '../../panel/ports';
import { DEFAULT_PANEL_SETTINGS } from '../../panel/settings';
import { watchable } from '../../panel/watchable';
import { exchange as baseExchange } from './exchange';

/** Behaves like the devtools adapter: replays what it captured, then reports live. */
export function createFakePorts(
  options: { stored?: unknown; theme?: ThemeName; settings?: Partial<PanelSettings> } = {},
) {
  const captured: CaptureEvent[] = [];
  const listeners = new Set<(event: CaptureEvent) => void>();
  const saved: PanelState[] = [];
  let settingsOpened = 0;
  const theme = watchable<ThemeName>(options.theme ?? 'light');
  const settings = watchable<PanelSettings>({ ...DEFAULT_PANEL_SETTINGS, ...options.settings });
  const ports: PanelPorts = {
    capture(listener) {
      for (const event of captured) listener(event);
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    theme,
    settings,
    loadState: async () => options.stored,
    saveState: async (state) => {
      saved.push(state);
    },
    openSettings: () => {
      settingsOpened++;
    },
    clearCaptured: () => {
      captured.length = 0;
    },
  };
  let keys = 0;
  return {
    ports,
    saved,
    theme,
    settings,
    listening: () => listeners.size > 0,
    settingsOpened: () => settingsOpened,
    emit(event: CaptureEvent) {
      captured.push(event);
      for (const listener of listeners) listener(event);
    },
    exchange(exchange: Exchange) {
      this.emit({ kind: 'exchange', key: `key-${++keys}`, exchange });
    },
    navigate(url: string) {
      this.emit({ kind: 'navigation', url, at: new Date().toISOString() });
    },
  };
}

/** Planted in requests: none of them may leave the panel in a copy or an export. */
export const SECRETS = {
  bearer: 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJtZXJjaGFudC00MiJ9.c2lnbmF0dXJlLXNlY3JldA',
  apiKey: 'pf_live_9f8e7d6c5b4a39281706',
  card: '4111111111111111',
};

/** A JSON exchange as the panel captures it. */
export function exchange(
  url: string,
  status: number,
  body: unknown,
  overrides: Partial<Exchange> = {},
): Exchange {
  return baseExchange(url, status, JSON.stringify(body), {
    mimeType: 'application/json',
    startedDateTime: '2025-11-22T10:00:00.000Z',
    ...overrides,
  });
}

export const kiotapayExpiredToken = (overrides: Partial<Exchange> = {}) =>
  exchange(
    `https://api.kiotapay.co/api/v1/payments?card_number=${SECRETS.card}`,
    401,
    kiotapayError('AUTH_INVALID_TOKEN', 'Token expired'),
    {
      requestHeaders: [
        { name: 'Authorization', value: `Bearer ${SECRETS.bearer}` },
        { name: 'X-API-Key', value: SECRETS.apiKey },
        { name: 'X-Debug-Card', value: `card ${SECRETS.card.replace(/(\d{4})/g, '$1 ').trim()}` },
        { name: 'Content-Type', value: 'application/json' },
      ],
      requestBody: JSON.stringify({ amount: 1000, card_number: SECRETS.card }),
      ...overrides,
    },
  );

export const kiotapayMissingField = () =>
  exchange(
    'https://api.kiotapay.co/api/v1/payments',
    400,
    kiotapayError('REQ_MISSING_FIELD', 'amount is required'),
  );

export const kiotapayUnknownCode = () =>
  exchange('https://api.kiotapay.co/api/v1/payments', 400, kiotapayError('BRAND_NEW_CODE', 'Something new'));

export const apipayRateLimited = (startedDateTime = '2025-11-22T10:00:00.000Z') =>
  exchange(
    'https://api.apipay.kz/api/v1/invoices',
    429,
    apipayMessage('Too Many Attempts.', { retryAfter: 30 }),
    { startedDateTime },
  );

export const apipayValidation = () =>
  exchange(
    'https://api.apipay.kz/api/v1/invoices',
    422,
    apipayMessage('The given data was invalid.', { errors: { amount: ['The amount field is required.'] } }),
  );

export const payfieldUnauthorized = () =>
  exchange('https://api.payfield.io/api/v1/payouts', 401, { message: 'Unauthorized', code: 'unauthorized' });

export const rows = (container: ParentNode = document) =>
  Array.from(container.querySelectorAll<HTMLElement>('[data-testid="diagnosis-row"]'));

export const codesOf = (elements: HTMLElement[]) => elements.map((row) => row.dataset.code);

/**
 * happy-dom does no layout: give the timeline's scroller the geometry a browser would,
 * a 600 px viewport over content as tall as its inline height. Returns the undo.
 */
export function emulateScrollerLayout(viewport = 600): () => void {
  const proto = HTMLElement.prototype;
  const saved = ['clientHeight', 'scrollHeight', 'scrollTop'].map(
    (name) => [name, Object.getOwnPropertyDescriptor(proto, name)] as const,
  );
  const offsets = new WeakMap<HTMLElement, number>();
  const isScroller = (element: HTMLElement) => element.classList.contains('timeline');
  const contentHeight = (element: HTMLElement) =>
    Number.parseFloat((element.firstElementChild as HTMLElement | null)?.style.height ?? '') || 0;
  Object.defineProperties(proto, {
    clientHeight: {
      configurable: true,
      get(this: HTMLElement) {
        return isScroller(this) ? viewport : 0;
      },
    },
    scrollHeight: {
      configurable: true,
      get(this: HTMLElement) {
        return isScroller(this) ? Math.max(viewport, contentHeight(this)) : 0;
      },
    },
    scrollTop: {
      configurable: true,
      get(this: HTMLElement) {
        return offsets.get(this) ?? 0;
      },
      set(this: HTMLElement, value: number) {
        const max = isScroller(this) ? Math.max(0, contentHeight(this) - viewport) : 0;
        offsets.set(this, Math.min(Math.max(0, value), max));
      },
    },
  });
  return () => {
    for (const [name, descriptor] of saved) {
      if (descriptor) Object.defineProperty(proto, name, descriptor);
      else delete (proto as unknown as Record<string, unknown>)[name];
    }
  };
}
