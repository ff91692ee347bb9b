// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { App } from '../../components/App';
import {
  apipayValidation,
  createFakePorts,
  kiotapayExpiredToken,
  kiotapayMissingField,
  payfieldUnauthorized,
  SECRETS,
} from '../support/panel';

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

async function mount() {
  const fake = createFakePorts();
  fake.exchange(kiotapayExpiredToken());
  fake.exchange(kiotapayMissingField());
  fake.exchange(payfieldUnauthorized());
  render(<App ports={fake.ports} />);
  await waitFor(() => expect(fake.listening()).toBe(true));
  return fake;
}

const press = (key: string, target: Element = document.body) => fireEvent.keyDown(target, { key });
const selectedCode = () => document.querySelector<HTMLElement>('[aria-selected="true"]')?.dataset.code;
const paneOpen = () => screen.queryByTestId('details-pane') !== null;

describe('keyboard', () => {
  it('↓ and ↑ move the selection, Enter opens, Escape closes', async () => {
    await mount();
    press('ArrowDown');
    expect(selectedCode()).toBe('AUTH_INVALID_TOKEN');
    expect(paneOpen()).toBe(false);
    press('ArrowDown');
    press('ArrowDown');
    press('ArrowDown'); // stays on the last row
    expect(selectedCode()).toBe('unauthorized');
    press('ArrowUp');
    expect(selectedCode()).toBe('REQ_MISSING_FIELD');

    press('Enter');
    expect(paneOpen()).toBe(true);
    expect(screen.getByTestId('details-pane').textContent).toContain('Missing required field');
    // With the pane open, moving shows the newly selected diagnosis.
    press('ArrowUp');
    expect(screen.getByTestId('details-pane').textContent).toContain('Invalid authentication token');
    press('Escape');
    expect(paneOpen()).toBe(false);
  });

  it('↑ with nothing selected picks the newest', async () => {
    await mount();
    press('ArrowUp');
    expect(selectedCode()).toBe('unauthorized');
  });

  it('/ focuses the search; keys typed there stay there; Escape leaves it', async () => {
    await mount();
    press('/');
    const search = screen.getByRole('searchbox');
    expect(document.activeElement).toBe(search);
    press('ArrowDown', search);
    press('c', search);
    expect(selectedCode()).toBeUndefined();
    press('Escape', search);
    expect(document.activeElement).not.toBe(search);
  });

  it('c copies the selected diagnosis, redacted', async () => {
    const writeText = vi.spyOn(navigator.clipboard, 'writeText').mockResolvedValue(undefined);
    await mount();
    press('c'); // nothing selected: nothing to copy
    expect(writeText).not.toHaveBeenCalled();
    press('ArrowDown');
    press('c');
    await waitFor(() =>
      expect(screen.getByTestId('notice').textContent).toBe('Copied the diagnosis as Markdown'),
    );
    const text = writeText.mock.calls[0]?.[0] as string;
    expect(text).toContain('AUTH\\_INVALID\\_TOKEN');
    for (const secret of Object.values(SECRETS)) expect(text).not.toContain(secret);
  });

  it('leaves Ctrl+C and Enter on buttons to the browser', async () => {
    const writeText = vi.spyOn(navigator.clipboard, 'writeText').mockResolvedValue(undefined);
    const fake = await mount();
    press('ArrowDown');
    fireEvent.keyDown(document.body, { key: 'c', ctrlKey: true });
    expect(writeText).not.toHaveBeenCalled();
    fake.exchange(apipayValidation());
    press('Enter', screen.getByRole('button', { name: 'Clear' }));
    expect(paneOpen()).toBe(false);
  });
});
