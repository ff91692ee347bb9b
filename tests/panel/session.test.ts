import { describe, expect, it } from 'vitest';
import { CaptureSession } from '../../panel/session';
import { Timeline } from '../../panel/timeline';
import { call, httpDate, T0 } from '../support/session';

const skewedSuccess = call({
  url: 'https://api.payfield.io/api/v1/payouts',
  status: 201,
  body: { data: { id: 'PO-1' } },
  request: { 'X-Timestamp': String(T0 / 1000 - 180) },
  response: { Date: httpDate(T0) },
});
const refused = call({
  url: 'https://api.kiotapay.co/api/v1/payments',
  status: 402,
  body: { error: { code: 'INSUFFICIENT_FUNDS', message: 'Insufficient funds' } },
});

describe('CaptureSession', () => {
  it('numbers every exchange in capture order, diagnosed or not, and keeps the analysis', () => {
    const timeline = new Timeline();
    const session = new CaptureSession(timeline, {});
    session.observe(call({ url: 'https://shop.example/', status: 200 }));
    session.observe(refused);
    expect(timeline.examined).toBe(2);
    const [item] = timeline.items;
    expect(item?.kind === 'finding' && item.finding.entryIndex).toBe(1);
    expect(item?.kind === 'finding' && item.finding.analysis).toEqual({ insights: [], supportIds: [] });
    expect(timeline.findEntry(1, undefined)).toBe(item);
    expect(timeline.findEntry(1, 'other.har')).toBeUndefined();
  });

  it('puts the analyzer’s warnings in the timeline, and forgets them with what it learnt on clear', () => {
    const timeline = new Timeline();
    const session = new CaptureSession(timeline, {});
    session.observe(skewedSuccess);
    expect(timeline.warnings.map(({ kind, provider }) => [kind, provider])).toEqual([
      ['clock-skew', 'payfield'],
    ]);
    session.clear();
    expect(timeline.warnings).toEqual([]);
    session.observe(refused);
    expect(timeline.warnings).toEqual([]);
    const [item] = timeline.items;
    expect(item?.kind === 'finding' && item.finding.entryIndex).toBe(0);
  });
});
