// @vitest-environment happy-dom
/** Every planted secret, through the panel's copy (both formats) and export (both formats). */
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { App } from '../../components/App';
import { createFakeHost, rows } from '../components/support';
import { FORBIDDEN, plantedExchanges } from './corpus';

/** Everything that left the panel: clipboard writes and downloaded files. */
const outputs: string[] = [];
/** The panel's whole DOM, text and every attribute, with each row's details open. */
const shown: string[] = [];

function everythingShown(root: Element): string {
  const parts = [root.textContent ?? ''];
  for (const element of root.querySelectorAll('*')) {
    for (const { name, value } of element.attributes) parts.push(`${name}=${value}`);
  }
  return parts.join('\n');
}

beforeAll(async () => {
  vi.spyOn(navigator.clipboard, 'writeText').mockImplementation(async (text) => {
    outputs.push(text);
  });
  vi.spyOn(URL, 'createObjectURL').mockImplementation((blob) => {
    (blob as Blob).text().then((text) => outputs.push(text));
    return 'blob:paylens';
  });
  vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => {});
  vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => {});

  const fake = createFakeHost();
  const planted = plantedExchanges();
  for (const exchange of planted) fake.exchange(exchange);
  render(<App host={fake.host} />);
  await waitFor(() => expect(rows()).toHaveLength(planted.length));

  for (let index = 0; index < planted.length; index++) {
    fireEvent.mouseDown(rows()[index] as HTMLElement);
    shown.push(everythingShown(document.body));
    const pane = within(screen.getByTestId('details-pane'));
    fireEvent.click(pane.getByRole('button', { name: 'Copy diagnosis' }));
    fireEvent.click(pane.getByRole('button', { name: 'Copy as JSON' }));
    fireEvent.click(pane.getByRole('button', { name: 'Copy as cURL' }));
  }
  fireEvent.click(screen.getByRole('button', { name: 'Export JSON' }));
  fireEvent.click(screen.getByRole('button', { name: 'Export Markdown' }));
  await waitFor(() => expect(outputs).toHaveLength(planted.length * 3 + 2));
});

afterAll(() => {
  cleanup();
  vi.restoreAllMocks();
});

describe('the panel’s copies and exports', () => {
  it('carry the diagnoses', () => {
    const all = outputs.join('\n');
    for (const code of ['AUTH_INVALID_TOKEN', 'AUTH_FORBIDDEN', 'INVALID_SIGNATURE', 'validation_error']) {
      expect(all).toContain(code);
    }
  });

  it('copy runnable cURL commands', () => {
    expect(outputs.filter((output) => /^# .*\ncurl '/s.test(output))).toHaveLength(plantedExchanges().length);
  });

  it.each(FORBIDDEN)('do not leak %s', (_, secret) => {
    for (const output of outputs) expect(output).not.toContain(secret);
  });

  it.each(FORBIDDEN)('show %s nowhere in the panel, details open', (_, secret) => {
    expect(shown).toHaveLength(plantedExchanges().length);
    for (const dom of shown) expect(dom).not.toContain(secret);
  });
});
