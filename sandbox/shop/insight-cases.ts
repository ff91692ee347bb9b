/**
 * The shop's "Why here" buttons: short sequences of scenario calls that make the session
 * analyzer's cases happen in a real browser, as integrations get them wrong. A header value
 * may be a clock reading, taken in the browser when the button is pressed.
 */

/**
 * A time header as the client sends it at the moment of sending: `X-Timestamp` with a wrong
 * clock or a wrong unit, or Rebell's `Request-Time` (RFC 3339) read from a right one.
 */
export interface ClockReading {
  clock: 'unix-seconds' | 'unix-milliseconds' | 'rfc-3339';
  offsetSeconds: number;
}

export interface InsightStep {
  /** A scenario id: its call is sent, with these headers replaced or added. */
  scenario: string;
  headers?: Readonly<Record<string, string | ClockReading>>;
  /**
   * Another host of the scenario's provider than its first: the other environment
   * (`public-api.demo.alternativepayments.io`, `sandbox-api.rebellapp.com`).
   */
  host?: string;
  /** Top-level fields of the call's JSON body replaced: the same key sent with a new amount. */
  body?: Readonly<Record<string, unknown>>;
  /** How many times the call is sent, each once the answer before is in; 1 by default. */
  times?: number;
  /**
   * The `times` sendings leave at once, as a burst does, rather than each after the answer
   * before: they fall inside a rate window however slow the machine.
   */
  together?: boolean;
  /** Waited before each sending, so that what was sent before has aged. */
  delayMs?: number;
}

export interface InsightCase {
  /** The button's `data-insight-case`. */
  id: string;
  label: string;
  steps: readonly InsightStep[];
}

/** Asks the sandbox's token endpoint for a token this short-lived, so that it expires in a demo. */
export const TOKEN_LIFETIME_HEADER = 'X-Sandbox-Token-Lifetime';

const SEVEN_MINUTES_BEHIND: ClockReading = { clock: 'unix-seconds', offsetSeconds: -420 };
/**
 * The scenarios' time headers are dated when the sandbox starts: sent later unchanged, they
 * would drift from the server's Date and add a clock-skew insight to the case being shown.
 */
const PAYFIELD_NOW: Readonly<Record<string, ClockReading>> = {
  'X-Timestamp': { clock: 'unix-seconds', offsetSeconds: 0 },
};
const REBELL_NOW: Readonly<Record<string, ClockReading>> = {
  'Request-Time': { clock: 'rfc-3339', offsetSeconds: 0 },
};

export const INSIGHT_CASES: readonly InsightCase[] = [
  {
    id: 'clock-behind',
    label: 'Clock seven minutes behind',
    steps: [
      // The success raises the warning; the refusal gets the insight.
      { scenario: 'payfield:success', headers: { 'X-Timestamp': SEVEN_MINUTES_BEHIND } },
      { scenario: 'payfield:timestamp-window-exceeded', headers: { 'X-Timestamp': SEVEN_MINUTES_BEHIND } },
    ],
  },
  {
    id: 'milliseconds',
    label: 'Timestamp in milliseconds',
    steps: [
      {
        scenario: 'payfield:invalid-timestamp-format',
        headers: { 'X-Timestamp': { clock: 'unix-milliseconds', offsetSeconds: 0 } },
      },
    ],
  },
  {
    id: 'bearer-undefined',
    label: 'Authorization: Bearer undefined',
    steps: [{ scenario: 'kiotapay:AUTH_INVALID_TOKEN', headers: { Authorization: 'Bearer undefined' } }],
  },
  {
    id: 'token-expired',
    label: 'Token fetched, then used after its lifetime',
    steps: [
      { scenario: 'kiotapay:token', headers: { [TOKEN_LIFETIME_HEADER]: '2' } },
      { scenario: 'kiotapay:AUTH_INVALID_TOKEN', delayMs: 3_000 },
    ],
  },
  {
    // The id Alternative Payments' sandbox ("demo") returned, then fetched from production.
    id: 'environment',
    label: 'Id created in sandbox, fetched in production',
    steps: [
      { scenario: 'alternative-payments:success', host: 'public-api.demo.alternativepayments.io' },
      { scenario: 'alternative-payments:http-404', host: 'public-api.alternativepayments.io' },
    ],
  },
  {
    id: 'idempotency-conflict',
    label: 'paymentRequestId reused with a new amount',
    steps: [
      { scenario: 'rebell:accepted', headers: REBELL_NOW },
      {
        scenario: 'rebell:REPEAT_REQ_INCONSISTENT',
        headers: REBELL_NOW,
        body: { paymentAmount: { currency: 'EUR', value: '5990' } },
      },
    ],
  },
  {
    // No error: the 200 "already exists" answer raises the session warning.
    id: 'idempotency-replay',
    label: 'Payfield external_id reused with a new amount',
    steps: [
      { scenario: 'payfield:success', headers: PAYFIELD_NOW },
      { scenario: 'payfield:already-exists', headers: PAYFIELD_NOW, body: { amount: '7500.00' } },
    ],
  },
  {
    id: 'retry-storm',
    label: 'Retry storm after INSUFFICIENT_BALANCE',
    steps: [{ scenario: 'rebell:INSUFFICIENT_BALANCE', headers: REBELL_NOW, times: 4, delayMs: 150 }],
  },
  {
    id: 'polling',
    label: 'Polling PAYMENT_IN_PROCESS every 0.2 s',
    steps: [{ scenario: 'rebell:PAYMENT_IN_PROCESS', headers: REBELL_NOW, times: 4, delayMs: 200 }],
  },
  {
    // Alternative Payments allows 5 a second per key: the fourth warns, the sixth is refused.
    id: 'rate',
    label: '6 requests in a second to Alternative Payments',
    steps: [
      { scenario: 'alternative-payments:success', times: 5, together: true },
      { scenario: 'alternative-payments:http-429' },
    ],
  },
];
