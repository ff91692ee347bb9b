import { describe, expect, it } from 'vitest';
import { providerIds } from '../../lib/providers';
import {
  DEFAULT_PANEL_SETTINGS,
  DEFAULT_PANEL_STATE,
  panelStateFrom,
  settingsFrom,
} from '../../panel/settings';

describe('settingsFrom', () => {
  it('falls back to the defaults for anything missing or unusable', () => {
    expect(settingsFrom(undefined)).toEqual({
      matcher: { anyHost: false, hosts: {}, providers: providerIds },
      cap: 5000,
      copyFormat: 'markdown',
    });
    expect(settingsFrom({ retention: -1, copyFormat: 'html', anyHost: 'yes' })).toEqual(
      DEFAULT_PANEL_SETTINGS,
    );
  });

  it('keeps valid settings and drops host patterns the matcher would reject', () => {
    expect(
      settingsFrom({
        anyHost: true,
        providers: { kiotapay: false, nope: false },
        hosts: { 'pay.example.com': 'kiotapay', 'https://bad/': 'kiotapay', '*.com': 'rebell' },
        retention: 100,
        copyFormat: 'json',
      }),
    ).toEqual({
      matcher: {
        anyHost: true,
        providers: providerIds.filter((id) => id !== 'kiotapay'),
        hosts: { 'pay.example.com': 'kiotapay' },
      },
      cap: 100,
      copyFormat: 'json',
    });
  });
});

describe('panelStateFrom', () => {
  it('restores filters and preserve log, dropping unknown categories', () => {
    expect(
      panelStateFrom({
        filters: { providers: ['rebell'], categories: ['auth', 'bogus'], text: 'token' },
        preserveLog: true,
      }),
    ).toEqual({ filters: { providers: ['rebell'], categories: ['auth'], text: 'token' }, preserveLog: true });
    expect(panelStateFrom('garbage')).toEqual(DEFAULT_PANEL_STATE);
  });
});
