import { describe, expect, it } from 'vitest';
import { parseHostPattern } from '../../lib/hosts';
import { createMatcher } from '../../lib/matcher';
import { rebellResult } from '../../lib/providers/rebell/examples';
import { DEFAULT_SETTINGS, matcherOptionsFrom, validateSettings } from '../../lib/settings';
import { exchange } from '../support/exchange';

describe('host patterns', () => {
  it.each([
    ['pay.mycompany.test', { kind: 'exact', host: 'pay.mycompany.test' }],
    ['  PAY.MyCompany.test. ', { kind: 'exact', host: 'pay.mycompany.test' }],
    ['*.pay.mycompany.test', { kind: 'wildcard', parent: 'pay.mycompany.test' }],
    ['localhost', { kind: 'exact', host: 'localhost' }],
    ['xn--80ak6aa92e.com', { kind: 'exact', host: 'xn--80ak6aa92e.com' }],
  ])('accepts %j', (input, pattern) => {
    expect(parseHostPattern(input)).toEqual(pattern);
  });

  it.each([
    ['', /Enter a host/],
    ['https://pay.example.com', /without scheme, port or path/],
    ['pay.example.com:8443', /without scheme, port or path/],
    ['pay.example.com/api', /without scheme, port or path/],
    ['*.com', /too broad/],
    ['*', /not a valid wildcard/],
    ['pay.*.example.com', /not a valid wildcard/],
    ['**.example.com', /not a valid wildcard/],
    ['-pay.example.com', /not a valid host/],
    ['pay..example.com', /not a valid host/],
    ['pay_example.com', /not a valid host/],
  ])('rejects %j with a reason', (input, reason) => {
    const parsed = parseHostPattern(input);
    expect(parsed).toHaveProperty('error');
    expect((parsed as { error: string }).error).toMatch(reason);
  });
});

describe('validateSettings', () => {
  it('fills every missing key with its default', () => {
    expect(validateSettings({})).toEqual({ settings: DEFAULT_SETTINGS, problems: [] });
    expect(validateSettings(undefined).settings).toEqual(DEFAULT_SETTINGS);
  });

  it('accepts the documented example', () => {
    const input = {
      hosts: { 'pay.mycompany.test': 'kiotapay', '*.sandbox.example': 'payfield' },
      anyHost: false,
      providers: { apipay: false },
      retention: 5000,
      copyFormat: 'markdown',
    };
    expect(validateSettings(input)).toEqual({ settings: input, problems: [] });
  });

  it('repairs a corrupted store part by part, keeping what is valid', () => {
    const { settings, problems } = validateSettings({
      hosts: { 'pay.mycompany.test': 'kiotapay', '*.com': 'payfield', 'ok.example': 'stripe' },
      anyHost: 'yes',
      providers: { apipay: false, rebell: 'off', stripe: true },
      retention: -3,
      copyFormat: 'pdf',
      theme: 'dark',
    });
    expect(settings).toEqual({
      ...DEFAULT_SETTINGS,
      hosts: { 'pay.mycompany.test': 'kiotapay' },
      providers: { apipay: false },
    });
    expect(problems.map((problem) => problem.key)).toEqual([
      'theme',
      'hosts["*.com"]',
      'hosts["ok.example"]',
      'providers.rebell',
      'providers.stripe',
      'anyHost',
      'retention',
      'copyFormat',
    ]);
  });

  it('rejects what is not an object', () => {
    expect(validateSettings('[1,2]').problems).toEqual([
      { key: '(settings)', message: 'must be a JSON object' },
    ]);
    expect(validateSettings({ hosts: [] }).problems[0]?.key).toBe('hosts');
  });

  it('keeps a host named __proto__ as data', () => {
    const { settings } = validateSettings(JSON.parse('{"hosts":{"__proto__":"kiotapay"}}'));
    expect(Object.getPrototypeOf(settings.hosts)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>).kiotapay).toBeUndefined();
  });
});

describe('settings applied to the matcher', () => {
  const { settings } = validateSettings({
    hosts: { 'pay.mycompany.test': 'kiotapay', '*.sandbox.example': 'payfield' },
    providers: { apipay: false },
    anyHost: true,
  });
  const diagnose = createMatcher(matcherOptionsFrom(settings));

  it('matches custom hosts as hosts', () => {
    expect(diagnose(exchange('https://pay.mycompany.test/api/v1/x', 401, ''))).toMatchObject({
      provider: 'kiotapay',
      match: 'host',
    });
    expect(diagnose(exchange('https://eu.sandbox.example/api/v1/payouts', 500, ''))?.provider).toBe(
      'payfield',
    );
    expect(diagnose(exchange('https://sandbox.example/api', 500, ''))).toBeNull();
  });

  it('switches providers off, catalog hosts and fingerprints alike', () => {
    expect(
      diagnose(exchange('https://api.apipay.kz/x', 503, { message: 'Kaspi session expired' })),
    ).toBeNull();
    expect(
      diagnose(exchange('https://shop.example/relay', 503, { message: 'Kaspi session expired' })),
    ).toBeNull();
    expect(diagnose(exchange('https://api.kiotapay.co/x', 503, ''))?.provider).toBe('kiotapay');
  });

  it('turns on relayed errors', () => {
    const body = rebellResult('F', 'RISK_REJECT', 'x');
    expect(diagnose(exchange('https://shop.example/relay', 200, body))?.match).toBe('fingerprint');
  });
});
