/**
 * The shop's "Why here" buttons: short sequences of scenario calls that make the session
 * analyzer's cases happen in a real browser, as integrations get them wrong. A header value
 * may be a clock reading, taken in the browser when the button is pressed.
 */

/** `X-Timestamp` as a client with a wrong clock or a wrong unit would send it. */
export interface ClockReading {
  clock: 'unix-seconds' | 'unix-milliseconds';
  offsetSeconds: number;
}

export interface InsightStep {
  /** A scenario id: its call is sent, with these headers replaced or added. */
  scenario: string;
  headers?: Readonly<Record<string, string | ClockReading>>;
  /** Waited before this step, so that what the step before issued has aged. */
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
];
