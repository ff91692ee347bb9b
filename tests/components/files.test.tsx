// @vitest-environment happy-dom
import { cleanup, createEvent, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { App } from '../../components/App';
import { kiotapayError } from '../../lib/providers/kiotapay/examples';
import {
  apipayRateLimited,
  codesOf,
  createFakePorts,
  kiotapayExpiredToken,
  kiotapayMissingField,
  rows,
  SECRETS,
} from '../support/panel';

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

async function mount(fake = createFakePorts()) {
  render(<App ports={fake.ports} />);
  await waitFor(() => expect(fake.listening()).toBe(true));
  return fake;
}

function harEntry(url: string, status: number, body: unknown, method = 'POST') {
  return {
    startedDateTime: '2025-11-22T09:00:00.000Z',
    request: { method, url, headers: [{ name: 'Authorization', value: `Bearer ${SECRETS.bearer}` }] },
    response: {
      status,
      headers: [{ name: 'content-type', value: 'application/json' }],
      content: { mimeType: 'application/json', text: JSON.stringify(body) },
    },
  };
}

function harFile(name = 'session.har') {
  const har = {
    log: {
      version: '1.2',
      entries: [
        harEntry('https://shop.example/app.js', 200, 'console.log(1)', 'GET'),
        harEntry(
          'https://api.kiotapay.co/api/v1/payments',
          404,
          kiotapayError('RESOURCE_NOT_FOUND', 'No such payment'),
        ),
        harEntry('https://api.payfield.io/api/v1/payouts', 401, {
          message: 'Unauthorized',
          code: 'unauthorized',
        }),
      ],
    },
  };
  return new File([JSON.stringify(har)], name, { type: 'application/json' });
}

function pick(file: File) {
  const input = screen.getByTestId('har-input') as HTMLInputElement;
  Object.defineProperty(input, 'files', { configurable: true, value: [file] });
  fireEvent.change(input);
}

describe('HAR import', () => {
  it('adds the diagnoses of a picked HAR file to the timeline', async () => {
    const fake = await mount();
    fake.exchange(kiotapayExpiredToken());
    pick(harFile());
    await waitFor(() => expect(rows()).toHaveLength(3));
    expect(codesOf(rows())).toEqual(['AUTH_INVALID_TOKEN', 'RESOURCE_NOT_FOUND', 'unauthorized']);
    expect(screen.getByTestId('navigation-separator').textContent).toBe('Imported session.har');
    expect(screen.getByTestId('notice').textContent).toBe('Imported session.har: 2 diagnoses in 3 entries.');
  });

  it('imports a file dropped on the panel', async () => {
    await mount();
    const dataTransfer = { files: [harFile('dropped.har')], types: ['Files'] };
    // fireEvent.drop(...) does not reach listeners under happy-dom; a created event does.
    fireEvent(document.body, createEvent.dragOver(document.body, { dataTransfer }));
    expect(document.querySelector('.panel.dragging')).not.toBeNull();
    fireEvent(document.body, createEvent.drop(document.body, { dataTransfer }));
    await waitFor(() => expect(codesOf(rows())).toEqual(['RESOURCE_NOT_FOUND', 'unauthorized']));
    expect(document.querySelector('.panel.dragging')).toBeNull();
  });

  it('imports HARP, a HAR wrapped in a JSONP callback, from the file picker', async () => {
    await mount();
    const input = screen.getByTestId('har-input') as HTMLInputElement;
    expect(input.accept.split(',')).toContain('.harp');
    const har = await harFile().text();
    pick(new File([`onInputData(${har});`], 'session.harp'));
    await waitFor(() => expect(codesOf(rows())).toEqual(['RESOURCE_NOT_FOUND', 'unauthorized']));
  });

  it('says which provider entries it read without the bodies a recorder stored beside the HAR', async () => {
    await mount();
    const entry = harEntry('https://api.kiotapay.co/api/v1/payments', 404, {});
    const stored = { ...entry, response: { ...entry.response, content: { _file: '01e2f6.json' } } };
    pick(new File([JSON.stringify({ log: { version: '1.2', entries: [stored] } })], 'recording.har'));
    await waitFor(() =>
      expect(screen.getByTestId('notice').textContent).toBe(
        'Imported recording.har: 1 diagnosis in 1 entry; 1 provider entry read without the bodies stored beside it (_file).',
      ),
    );
  });

  it('says why a file cannot be imported', async () => {
    await mount();
    pick(new File(['{"not": "a har"}'], 'notes.json'));
    await waitFor(() =>
      expect(screen.getByTestId('notice').textContent).toBe(
        'Could not import notes.json: it is not a HAR file: there is no log.entries array',
      ),
    );
    expect(rows()).toHaveLength(0);
  });
});

describe('export', () => {
  it('downloads the filtered diagnoses as JSON or Markdown, redacted', async () => {
    const blobs: Blob[] = [];
    vi.spyOn(URL, 'createObjectURL').mockImplementation((blob) => {
      blobs.push(blob as Blob);
      return 'blob:paylens';
    });
    vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => {});
    const names: string[] = [];
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      names.push(this.download);
    });

    const fake = await mount();
    fake.exchange(kiotapayExpiredToken());
    fake.exchange(kiotapayMissingField());
    fake.exchange(apipayRateLimited());
    await waitFor(() => expect(rows()).toHaveLength(3));
    fireEvent.click(
      screen
        .getAllByTestId('provider-filter')
        .find((chip) => chip.dataset.provider === 'kiotapay') as HTMLElement,
    );

    fireEvent.click(screen.getByRole('button', { name: 'Export JSON' }));
    const json = JSON.parse(await (blobs[0] as Blob).text());
    expect(json.diagnoses.map((d: { code: string }) => d.code)).toEqual([
      'AUTH_INVALID_TOKEN',
      'REQ_MISSING_FIELD',
    ]);
    expect(json.summary).toMatchObject({ entries: 3, diagnosed: 2 });
    expect(names[0]).toMatch(/^paylens-.*\.json$/);

    fireEvent.click(screen.getByRole('button', { name: 'Export Markdown' }));
    const markdown = await (blobs[1] as Blob).text();
    expect(markdown).toContain('## PayLens diagnoses');
    expect(markdown).toContain('2 diagnoses in 3 requests');
    for (const secret of Object.values(SECRETS)) expect(markdown).not.toContain(secret);
    expect(names[1]).toMatch(/^paylens-.*\.md$/);
  });
});
