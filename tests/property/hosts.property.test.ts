import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createHostLookup } from '../../lib/hosts';
import { providers } from '../../lib/providers';
import { hostOf } from '../../lib/url';

/** The user's own hosts, with a first and a second letter that the Kelvin sign (U+212A) lower-cases to. */
const custom = { 'ak.example': 'kiotapay', 'kb.example': 'kiotapay' };
const kiotapay = providers.find((provider) => provider.id === 'kiotapay');
const exactHosts = new Map([
  ...providers.flatMap((provider) => provider.hosts.map((host) => [host, provider] as const)),
  ...Object.keys(custom).map((host) => [host, kiotapay] as const),
]);

/** The lookup's meaning, read the slow way: the whole host, then the exact hosts. */
const byWholeHost = (url: string) => exactHosts.get(hostOf(url));

/** Known hosts in any case, their look-alikes, and hosts no provider has. */
const hostLike = fc.oneof(
  fc
    .tuple(fc.constantFrom(...exactHosts.keys()), fc.array(fc.boolean(), { maxLength: 40 }))
    .map(([host, upper]) => [...host].map((c, i) => (upper[i] ? c.toUpperCase() : c)).join('')),
  fc
    .tuple(fc.constantFrom(...exactHosts.keys()), fc.nat(), fc.string({ maxLength: 2 }))
    .map(([host, at, text]) => host.slice(0, at % (host.length + 1)) + text + host.slice(at % 7)),
  fc.constantFrom(
    'shop.example',
    'sa.example',
    'api.stripe.com',
    'A\u212A.example',
    '\u212AB.example',
    'a',
    'ap',
    '',
    '[::1]',
  ),
);

/** URLs in the forms the lookup takes shortcuts for, and in the forms it must not. */
const urlLike = fc
  .tuple(
    fc.constantFrom(
      'https://',
      'http://',
      'wss://',
      'chrome://',
      'a://',
      'ab://',
      'HTTPS://',
      '',
      'ht tp://',
    ),
    fc.constantFrom('', 'user@', 'u:p@', 'api.kiotapay.co@', 'a@b@'),
    hostLike,
    fc.constantFrom('', ':443', '.', '..', ':x@api.rebellapp.com', '\u212A', '\u0130'),
    fc.constantFrom('', '/', '/x?y=@z', '?a', '#b', '\\@api.kiotapay.co/', '//api.kiotapay.co/'),
  )
  .map((parts) => parts.join(''));

describe('the host lookup', () => {
  it('finds the provider the whole host names, whatever shortcut it takes', () => {
    const { lookup } = createHostLookup(providers, custom);
    fc.assert(
      fc.property(fc.oneof(urlLike, fc.string()), (url) => {
        expect(lookup(url)).toBe(byWholeHost(url));
      }),
      { numRuns: 20_000 },
    );
  });

  it('turns away only URLs on no known host', () => {
    const { prefixes } = createHostLookup(providers, custom);
    if (!prefixes) throw new Error('plain hosts should have their prefixes');
    const turnsAway = (url: string) => prefixes.turnAway(url);
    fc.assert(
      fc.property(fc.oneof(urlLike, fc.string()), (url) => {
        if (turnsAway(url)) expect(byWholeHost(url)).toBeUndefined();
      }),
      { numRuns: 20_000 },
    );
    // Not a test that cannot fail: the page's own requests are turned away.
    expect(turnsAway('https://shop.example/assets/app.js')).toBe(true);
    expect(turnsAway('https://shop.example@api.kiotapay.co/api/v1/payments')).toBe(false);
  });

  it('turns nothing away when a wildcard may claim any host', () => {
    const { prefixes, lookup } = createHostLookup(providers, { '*.pay.example': 'payfield' });
    expect(prefixes).toBeUndefined();
    expect(lookup('https://eu.pay.example/v1/payouts')?.id).toBe('payfield');
  });
});
