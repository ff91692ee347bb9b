import { describe, expect, it, vi } from 'vitest';
import { backendHeaderValue } from '../../lib/backend-header';
import { diagnose } from '../../lib/matcher';
import { Capture, type CapturedEntry } from '../../panel/capture';
import type { CaptureEvent, PanelSettings } from '../../panel/ports';
import { DEFAULT_PANEL_SETTINGS } from '../../panel/settings';
import { watchable } from '../../panel/watchable';

function settingsOf(initial: PanelSettings = DEFAULT_PANEL_SETTINGS) {
  const settings = watchable(initial);
  return { watched: settings, set: settings.set };
}

/** A HAR entry as DevTools reports it, and a body reader that records being called. */
function entry(
  url: string,
  {
    method = 'POST',
    status = 401,
    mimeType = 'application/json',
    started = '2025-11-22T10:00:00.000Z',
    body = '',
  } = {},
) {
  const readContent = vi.fn(async () => ({ content: body, encoding: '' }));
  const captured: CapturedEntry = {
    entry: {
      startedDateTime: started,
      request: { method, url, headers: [] },
      response: { status, headers: [], content: { mimeType } },
    },
    readContent,
  };
  return { captured, readContent };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

function record(capture: Capture): CaptureEvent[] {
  const events: CaptureEvent[] = [];
  capture.subscribe((event) => events.push(event));
  return events;
}

const describeEvent = (event: CaptureEvent) => {
  if (event.kind === 'exchange') return `${event.exchange.method} ${event.exchange.url}`;
  if (event.kind === 'navigation') return `nav ${event.url}`;
  return `backend ${event.findings.map(({ diagnosis }) => diagnosis.code).join(' ')}`;
};

describe('Capture', () => {
  it('reads the body of a provider’s response, never of scripts, images or preflights', async () => {
    const capture = new Capture(settingsOf().watched);
    const events = record(capture);
    const script = entry('https://shop.example/app.js', {
      method: 'GET',
      status: 200,
      mimeType: 'text/javascript',
    });
    const image = entry('https://shop.example/logo.png', {
      method: 'GET',
      status: 200,
      mimeType: 'image/png',
    });
    const preflight = entry('https://api.kiotapay.co/api/v1/payments', { method: 'OPTIONS', status: 204 });
    const failure = entry('https://api.kiotapay.co/api/v1/payments', {
      body: '{"error":{"code":"AUTH_INVALID_TOKEN"}}',
    });
    for (const { captured } of [script, image, preflight, failure]) capture.request(captured);
    await settle();

    expect(script.readContent).not.toHaveBeenCalled();
    expect(image.readContent).not.toHaveBeenCalled();
    expect(preflight.readContent).not.toHaveBeenCalled();
    expect(failure.readContent).toHaveBeenCalledOnce();
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      kind: 'exchange',
      exchange: {
        url: 'https://api.kiotapay.co/api/v1/payments',
        responseBody: '{"error":{"code":"AUTH_INVALID_TOKEN"}}',
      },
    });
  });

  it('keeps base64 bodies marked as such', async () => {
    const capture = new Capture(settingsOf().watched);
    const events = record(capture);
    capture.request({
      ...entry('https://api.kiotapay.co/x').captured,
      readContent: async () => ['eyJhIjoxfQ==', 'base64'],
    });
    await settle();
    expect(events[0]).toMatchObject({
      exchange: { responseBody: 'eyJhIjoxfQ==', responseEncoding: 'base64' },
    });
  });

  it('replays what it captured before the panel subscribed, in order, then reports live', async () => {
    const capture = new Capture(settingsOf().watched);
    capture.request(entry('https://api.kiotapay.co/first').captured);
    capture.navigated('https://shop.example/next', '2025-11-22T10:00:01.000Z');
    capture.request(
      entry('https://api.kiotapay.co/second', { started: '2025-11-22T10:00:02.000Z' }).captured,
    );
    await settle();

    const events = record(capture);
    expect(events.map(describeEvent)).toEqual([
      'POST https://api.kiotapay.co/first',
      'nav https://shop.example/next',
      'POST https://api.kiotapay.co/second',
    ]);
    capture.request(entry('https://api.kiotapay.co/third', { started: '2025-11-22T10:00:03.000Z' }).captured);
    await settle();
    expect(events.at(-1)).toMatchObject({ exchange: { url: 'https://api.kiotapay.co/third' } });
  });

  it('keeps the order requests finished in even when bodies arrive out of order', async () => {
    const capture = new Capture(settingsOf().watched);
    const events = record(capture);
    const slow = entry('https://api.kiotapay.co/slow');
    slow.captured.readContent = () => new Promise((resolve) => setTimeout(() => resolve(['{}', '']), 20));
    capture.request(slow.captured);
    capture.request(entry('https://api.kiotapay.co/fast', { started: '2025-11-22T10:00:01.000Z' }).captured);
    await new Promise((resolve) => setTimeout(resolve, 40));
    expect(events.map(describeEvent)).toEqual([
      'POST https://api.kiotapay.co/slow',
      'POST https://api.kiotapay.co/fast',
    ]);
  });

  it('backfills from getHAR() what it missed, by start time, and nothing twice', async () => {
    const capture = new Capture(settingsOf().watched);
    const seenLive = entry('https://api.kiotapay.co/live', { started: '2025-11-22T10:00:05.000Z' });
    capture.request(seenLive.captured);
    await settle();

    const again = entry('https://api.kiotapay.co/live', { started: '2025-11-22T10:00:05.000Z' });
    const missed = entry('https://api.kiotapay.co/missed', { started: '2025-11-22T10:00:01.000Z' });
    const script = entry('https://shop.example/app.js', {
      method: 'GET',
      status: 200,
      mimeType: 'text/javascript',
    });
    await capture.backfill([missed.captured, script.captured, again.captured]);

    expect(again.readContent).not.toHaveBeenCalled();
    expect(script.readContent).not.toHaveBeenCalled();
    expect(record(capture).map(describeEvent)).toEqual([
      'POST https://api.kiotapay.co/missed',
      'POST https://api.kiotapay.co/live',
    ]);
  });

  it('uses the body a getHAR() entry already carries (Firefox)', async () => {
    const capture = new Capture(settingsOf().watched);
    const withText = entry('https://api.kiotapay.co/x');
    (withText.captured.entry as { response: { content: { text?: string } } }).response.content.text =
      '{"a":1}';
    await capture.backfill([withText.captured]);
    expect(withText.readContent).not.toHaveBeenCalled();
    expect(record(capture)[0]).toMatchObject({ exchange: { responseBody: '{"a":1}' } });
  });

  it('keeps no more exchanges than the cap', async () => {
    const capture = new Capture(settingsOf({ ...DEFAULT_PANEL_SETTINGS, cap: 2 }).watched);
    for (const path of ['a', 'b', 'c']) capture.request(entry(`https://api.kiotapay.co/${path}`).captured);
    await settle();
    expect(record(capture).map(describeEvent)).toEqual([
      'POST https://api.kiotapay.co/b',
      'POST https://api.kiotapay.co/c',
    ]);
  });

  it('follows settings changes: user hosts become relevant', async () => {
    const settings = settingsOf();
    const capture = new Capture(settings.watched);
    const events = record(capture);
    await settle();
    capture.request(entry('https://pay.shop.example/v1').captured);
    settings.set({ ...DEFAULT_PANEL_SETTINGS, matcher: { hosts: { 'pay.shop.example': 'kiotapay' } } });
    capture.request(entry('https://pay.shop.example/v2').captured);
    await settle();
    expect(events.map(describeEvent)).toEqual(['POST https://pay.shop.example/v2']);
  });

  it('gives up on a body that never arrives and carries on', async () => {
    vi.useFakeTimers();
    try {
      const capture = new Capture(settingsOf().watched);
      const events = record(capture);
      capture.request({
        ...entry('https://api.kiotapay.co/hangs').captured,
        readContent: () => new Promise(() => {}),
      });
      capture.request(entry('https://api.kiotapay.co/next').captured);
      await vi.advanceTimersByTimeAsync(6_000);
      expect(events.map(describeEvent)).toEqual([
        'POST https://api.kiotapay.co/hangs',
        'POST https://api.kiotapay.co/next',
      ]);
      const [hung] = events;
      expect(hung?.kind === 'exchange' && hung.exchange.responseBody).toBeUndefined();
    } finally {
      vi.useRealTimers();
    }
  });

  it('forgets what was cleared, and getHAR() does not bring it back', async () => {
    const capture = new Capture(settingsOf().watched);
    const first = entry('https://api.kiotapay.co/first');
    capture.request(first.captured);
    await settle();
    capture.clear();
    await capture.backfill([first.captured]);
    capture.request(entry('https://api.kiotapay.co/after').captured);
    await settle();
    const replayed: string[] = [];
    capture.subscribe((event) => replayed.push(describeEvent(event)));
    expect(replayed).toEqual(['POST https://api.kiotapay.co/after']);
  });

  it('keeps a listener that throws: one failure must not stop the capture', async () => {
    const capture = new Capture(settingsOf().watched);
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    const flaky = vi.fn(() => {
      throw new TypeError('boom');
    });
    capture.subscribe(flaky);
    capture.request(entry('https://api.kiotapay.co/a').captured);
    capture.request(entry('https://api.kiotapay.co/b').captured);
    await settle();
    expect(flaky).toHaveBeenCalledTimes(2);
    expect(error).toHaveBeenCalledTimes(2);
    error.mockRestore();
  });

  it('waits for the stored settings before judging what it captured', async () => {
    const settings = settingsOf();
    let read = () => {};
    const capture = new Capture(
      settings.watched,
      new Promise<void>((resolve) => {
        read = resolve;
      }),
    );
    const events = record(capture);
    capture.request(entry('https://pay.shop.example/early').captured);
    settings.set({ ...DEFAULT_PANEL_SETTINGS, matcher: { hosts: { 'pay.shop.example': 'kiotapay' } } });
    read();
    await settle();
    expect(events.map(describeEvent)).toEqual(['POST https://pay.shop.example/early']);
  });

  it('lists a request once when getHAR() brought it in before its live event', async () => {
    const capture = new Capture(settingsOf().watched);
    const events = record(capture);
    const same = entry('https://api.kiotapay.co/once');
    await capture.backfill([same.captured]);
    capture.request(same.captured);
    await settle();
    expect(events.map(describeEvent)).toEqual(['POST https://api.kiotapay.co/once']);
  });
});

describe('Capture of a backend’s diagnoses', () => {
  const diagnosed = {
    exchange: {
      method: 'POST',
      url: 'https://api.kiotapay.co/api/v1/payments',
      status: 401,
      requestHeaders: [],
      responseHeaders: [],
      responseBody: '{"error":{"code":"AUTH_INVALID_TOKEN"}}',
      startedDateTime: '2025-11-22T10:00:00.500Z',
    },
  };
  const diagnosis = diagnose(diagnosed.exchange);
  if (!diagnosis) throw new Error('not diagnosed');
  const header = backendHeaderValue([{ ...diagnosed, diagnosis }]);

  function page(value: string) {
    const { captured, readContent } = entry('https://shop.test/api/checkout', {
      status: 200,
      mimeType: 'text/html',
    });
    const response = (captured.entry as { response: { headers: unknown[] } }).response;
    response.headers = [{ name: 'PayLens-Diagnoses', value }];
    return { captured, readContent };
  }

  it('turns a page response’s PayLens-Diagnoses header into findings marked as the backend’s', async () => {
    const capture = new Capture(settingsOf().watched);
    const events = record(capture);
    const { captured, readContent } = page(header);
    capture.request(captured);
    await capture.backfill([captured]);
    expect(readContent).not.toHaveBeenCalled();
    expect(events.map(describeEvent)).toEqual(['backend AUTH_INVALID_TOKEN']);
    expect(events[0]).toMatchObject({
      findings: [
        {
          diagnosis: { provider: 'kiotapay', status: 401 },
          backend: {
            reportedBy: 'shop.test',
            pageRequest: { method: 'POST', url: 'https://shop.test/api/checkout' },
          },
        },
      ],
    });
  });

  it.each([
    [
      'forged',
      Buffer.from('{"v":1,"diagnoses":[{"provider":"kiotapay"}],"truncated":0}').toString('base64url'),
    ],
    ['oversized', `${header}${'A'.repeat(9_000)}`],
    ['malformed', '<img src=x onerror=alert(1)>'],
  ])('ignores a %s header', async (_, value) => {
    const capture = new Capture(settingsOf().watched);
    const events = record(capture);
    capture.request(page(value).captured);
    capture.request(
      entry('https://api.kiotapay.co/x', { body: '{"error":{"code":"AUTH_INVALID_TOKEN"}}' }).captured,
    );
    await settle();
    expect(events.map(describeEvent)).toEqual(['POST https://api.kiotapay.co/x']);
  });
});
