import { describe, expect, it } from 'vitest';
import { hostOf, pathOf, pathStartAfterHost } from '../../lib/url';

describe('hostOf', () => {
  it.each([
    ['https://api.kiotapay.co/api/v1/x', 'api.kiotapay.co'],
    ['https://API.KiotaPay.CO/x', 'api.kiotapay.co'],
    ['https://api.kiotapay.co:443/x', 'api.kiotapay.co'],
    ['https://api.kiotapay.co./x', 'api.kiotapay.co'],
    ['https://user:pass@api.kiotapay.co/x', 'api.kiotapay.co'],
    ['https://api.kiotapay.co@evil.example/x', 'evil.example'],
    ['https://a@b@Evil.example:8443/x', 'evil.example'],
    ['https://api.kiotapay.co?x=1', 'api.kiotapay.co'],
    ['https://api.kiotapay.co#frag', 'api.kiotapay.co'],
    ['https://api.kiotapay.co', 'api.kiotapay.co'],
    ['http://[::1]:8080/x', '[::1]'],
    ['https://evil.example\\@api.kiotapay.co/', 'evil.example'],
    ['not a url', ''],
    ['', ''],
    ['//api.kiotapay.co/x', ''],
    ['data:text/plain,https://api.kiotapay.co/x', ''],
    ['about:blank#https://api.kiotapay.co/', ''],
    ['blob:https://api.rebellapp.com/0b1c', ''],
    ['chrome-extension://abc/devtools.html', 'abc'],
  ])('%s → %s', (url, host) => {
    expect(hostOf(url)).toBe(host);
  });

  it('agrees with the URL parser on ordinary URLs', () => {
    for (const url of ['https://Shop.Example:8443/a?b#c', 'http://user@x.test', 'https://x.test:1/']) {
      expect(hostOf(url)).toBe(new URL(url).hostname);
    }
  });
});

describe('pathOf', () => {
  it.each([
    ['https://x.test/payment/request/1?x=1#y', '/payment/request/1'],
    ['https://x.test', '/'],
    ['https://x.test?x=1', '/'],
    ['https://x.test/#/route', '/'],
    ['/relative/path?q', '/relative/path'],
  ])('%s → %s', (url, path) => {
    expect(pathOf(url)).toBe(path);
  });
});

describe('pathStartAfterHost', () => {
  it.each([
    ['https://api.kiotapay.co/api/v1/x', 23],
    ['http://api.kiotapay.co/x', 22],
    ['https://api.kiotapay.co', 23],
    ['https://api.kiotapay.co?x=1', 23],
    ['https://api.kiotapay.co#y', 23],
    // Other forms say nothing: the caller reads the host whole.
    ['https://API.kiotapay.co/x', -1],
    ['https://api.kiotapay.co:443/x', -1],
    ['https://api.kiotapay.co./x', -1],
    ['https://api.kiotapay.co@evil.example/x', -1],
    ['https://api.kiotapay.co.evil.example/x', -1],
    ['https://api.kiotapay.com/x', -1],
    ['data:text/plain,https://api.kiotapay.co/x', -1],
  ])('%s → %i', (url, at) => {
    expect(pathStartAfterHost(url, 'api.kiotapay.co')).toBe(at);
  });
});
