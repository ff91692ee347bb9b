/**
 * The byte-level prefilter may turn an entry away unparsed only when parsing it would give
 * a usable exchange whose host no provider (nor the user) claims: the matcher and the
 * session analyzer would both ignore it. Everything else must be left to JSON.parse.
 */
import { readdirSync, readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readHar, type UnparsedItem } from '../../lib/har';
import { concat, EntrySplitter } from '../../lib/har-entries';
import { exchangeFromEntry } from '../../lib/har-exchange';
import { createEntryPrefilter, type EntryPrefilter } from '../../lib/har-prefilter';
import { isAnswered, isPreflightOrTunnel, providerScope } from '../../lib/matcher';
import type { Exchange } from '../../lib/types';

const lookup = providerScope({}).lookup;
const prefilter = createEntryPrefilter(lookup);

/**
 * The prefilter's verdict on one entry, from the fields the splitter notes as the entry goes
 * by in a HAR of its own; false when the splitter does not cut it as one entry.
 */
function judged(bytes: Uint8Array, judge: EntryPrefilter = prefilter): boolean {
  const verdicts: boolean[] = [];
  const splitter = new EntrySplitter({
    skeleton: () => {},
    entry: (entry, fields) => verdicts.push(judge(entry, fields)),
  });
  try {
    splitter.write(concat([encoded('{"log":{"entries":['), bytes, encoded(']}}')]));
  } catch {
    return false;
  }
  return verdicts.length === 1 && verdicts[0] === true;
}
const encoded = (text: string) => new TextEncoder().encode(text);
const skips = (text: string) => judged(encoded(text));

const PAGE = 'https://shop.example/api/cart';
const PROVIDER = 'https://api.kiotapay.co/api/v1/payments';

function entry({
  url = JSON.stringify(PAGE),
  method = '"GET"',
  status = '200',
  request = '',
  response = '',
}: {
  url?: string;
  method?: string;
  status?: string;
  request?: string;
  response?: string;
} = {}) {
  return `{"startedDateTime":"2026-11-22T10:00:00.000Z","request":{"method":${method},"url":${url}${request}},"response":{"status":${status}${response},"content":{"text":"{\\"url\\":\\"${PROVIDER}\\"}"}}}`;
}
const quoted = (url: string) => JSON.stringify(url);

/**
 * The prefilter's reference: a usable entry the matcher and the analyzer both pass over, as
 * going to no provider's host, a preflight, or with a status that answers nothing.
 */
function ignoredWhenParsed(text: string): boolean {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return false;
  }
  const exchange = exchangeFromEntry(value);
  return typeof exchange !== 'string' && ignoredExchange(exchange);
}

function ignoredExchange({ method, status, url }: Exchange): boolean {
  return isPreflightOrTunnel(method) || !isAnswered(status) || lookup(url) === undefined;
}

describe('createEntryPrefilter', () => {
  it('turns away a usable entry to another host, whatever its bodies say', () => {
    expect(skips(entry({ url: quoted(PAGE) }))).toBe(true);
    expect(skips(entry({ url: quoted(PROVIDER) }))).toBe(false);
  });

  it.each([
    ['escaped slashes', '"https:\\/\\/api.kiotapay.co\\/api\\/v1\\/payments"', false],
    ['\\u002f for the slashes', '"https:\\u002f\\u002fapi.kiotapay.co/api"', false],
    ['an escaped host letter', '"https://api.kiotap\\u0061y.co/api"', false],
    ['escapes in another host', '"https:\\/\\/shop.example\\/api"', true],
    [
      'a provider host in the query string',
      quoted('https://shop.example/?next=https://api.kiotapay.co/'),
      true,
    ],
    [
      'another host in a provider URL’s query',
      quoted('https://api.kiotapay.co/pay?from=shop.example'),
      false,
    ],
    ['upper case', quoted('HTTPS://API.KIOTAPAY.CO/api'), false],
    ['user info', quoted('https://shop.example@api.kiotapay.co/api'), false],
    ['a port and a trailing dot', quoted('https://api.kiotapay.co.:443/api'), false],
  ])('reads the URL’s host as the matcher does: %s', (_, url, skipped) => {
    const text = entry({ url });
    expect(skips(text)).toBe(skipped);
    expect(ignoredWhenParsed(text)).toBe(skipped);
  });

  it.each([
    ['a preflight', { method: '"OPTIONS"' }, true],
    ['a preflight in lower case', { method: '"options"' }, true],
    ['a proxy tunnel', { method: '"CONNECT"' }, true],
    ['a proxy tunnel in lower case', { method: '"connect"' }, true],
    ['a request the browser blocked', { status: '0' }, true],
    ['a redirect', { status: '302' }, true],
    ['a request still pending', { status: '-1' }, true],
    ['a preflight with an inline URL', { method: '"OPTIONS"', url: quoted('data:text/plain,x') }, false],
    ['another method', { method: '"OPTION"' }, false],
    ['an error', { status: '404' }, false],
  ])('turns away what both ignore on a provider host too: %s', (_, fields, skipped) => {
    const text = entry({ url: quoted(PROVIDER), ...fields });
    expect(skips(text)).toBe(skipped);
    expect(ignoredWhenParsed(text)).toBe(skipped);
  });

  it('reads an entry whose response comes before its request', () => {
    const page = `{"response":{"content":{},"status":200},"request":{"url":${quoted(PAGE)},"method":"GET"}}`;
    expect(skips(page)).toBe(true);
    expect(skips(page.replace(PAGE, PROVIDER))).toBe(false);
  });

  it('reads the fields of the request and the response only, not those of other members', () => {
    const initiator = `{"url":${quoted(PROVIDER)},"method":"GET","status":500}`;
    const page = entry().replace(/\}$/, `,"_initiator":${initiator},"x":[${initiator}]}`);
    expect(skips(page)).toBe(true);
    expect(ignoredWhenParsed(page)).toBe(true);
  });

  it('reads past huge headers and bodies', () => {
    const headers = `,"headers":[${Array.from({ length: 20_000 }, (_, i) => `{"name":"x-${i}","value":"${'v'.repeat(i % 300)}\\""}`).join(',')}]`;
    expect(skips(entry({ request: headers, response: headers }))).toBe(true);
    expect(skips(entry({ url: quoted(PROVIDER), request: headers, response: headers }))).toBe(false);
  });

  it.each([
    ['request-only', `{"request":{"method":"GET","url":${quoted(PAGE)}}}`],
    ['an empty method', entry({ method: '""' })],
    ['a method of escapes', entry({ method: '"\\u0047ET"' })],
    ['a data: URL', entry({ url: quoted('data:text/plain,https://shop.example/') })],
    ['a blob: URL', entry({ url: quoted('BLOB:https://shop.example/1') })],
    ['an empty URL', entry({ url: '""' })],
    ['a status in quotes', entry({ status: '"200"' })],
    ['a status JSON.parse refuses', entry({ status: '0200' })],
    ['a status too large for a number', entry({ status: '1e999' })],
    ['a request twice', entry().replace('"request":', `"request":{"url":${quoted(PROVIDER)}},"request":`)],
    ['a URL twice', entry({ request: `,"url":${quoted(PROVIDER)}` })],
    ['a key spelt with escapes', entry().replace('"request"', '"re\\u0071uest"')],
    [
      'a second request spelt with escapes',
      entry().replace(
        '"response":',
        `"re\\u0071uest":{"method":"GET","url":${quoted(PROVIDER)}},"response":`,
      ),
    ],
    ['a second status spelt with escapes', entry({ response: ',"st\\u0061tus":500' })],
    ['a request that is no object', `{"request":[],"response":{"status":200}}`],
    ['not valid JSON', `{"x":Bearer_sk_live_secret}`],
    ['not an object', '[1,2]'],
    ['something after the object', `${entry()} 1`],
    ['a second object after it', `${entry()}{"a":1}`],
  ])('leaves %s to JSON.parse', (_, text) => {
    expect(skips(text)).toBe(false);
  });

  it('counts the user’s own hosts, wildcards included, as provider hosts', () => {
    const own = createEntryPrefilter(providerScope({ hosts: { '*.shop.example': 'kiotapay' } }).lookup);
    const text = (url: string) => encoded(entry({ url: quoted(url) }));
    expect(judged(text('https://pay.shop.example/x'), own)).toBe(false);
    expect(judged(text('https://shop.example/x'), own)).toBe(true);
  });

  /** Entries of every shape the prefilter must judge: fields missing, twice, escaped, nested. */
  function arbitraryEntry() {
    const url = fc.constantFrom(
      PAGE,
      PROVIDER,
      'https://API.kiotapay.co/x',
      'https://shop.example@api.payfield.io/',
      'data:text/plain,x',
      '',
    );
    const written = (text: string, how: number) =>
      how === 0
        ? quoted(text)
        : how === 1
          ? quoted(text).replaceAll('/', '\\/')
          : quoted(text).replaceAll('a', '\\u0061');
    const member = fc.oneof(
      fc.tuple(url, fc.integer({ min: 0, max: 2 })).map(([u, how]) => `"url":${written(u, how)}`),
      fc.constantFrom(
        '"method":"GET"',
        '"method":"OPTIONS"',
        '"method":""',
        '"method":1',
        '"status":200',
        '"status":0',
        '"status":"x"',
        '"status":-1.5e2',
      ),
      fc.constantFrom(
        '"headers":[{"name":"a","value":"b\\"}"}]',
        '"x":{"request":{"url":"https://shop.example/"}}',
        '"n":null',
      ),
    );
    const object = fc.array(member, { maxLength: 5 }).map((members) => `{${members.join(' , ')}}`);
    const entryText = fc
      .tuple(fc.option(object), fc.option(object), fc.boolean(), fc.constantFrom('', ' ', '\n\t'))
      .map(([request, response, responseFirst, space]) => {
        const parts = [
          ...(request === null ? [] : [`"request"${space}:${space}${request}`]),
          ...(response === null ? [] : [`"response":${response}`]),
        ];
        return `${space}{${(responseFirst ? parts.reverse() : parts).join(',')}}${space}`;
      });
    return entryText;
  }

  it('never turns away an entry that parsing would use, whatever its text', () => {
    fc.assert(
      fc.property(arbitraryEntry(), fc.nat(), fc.integer({ min: 0, max: 255 }), (text, at, byte) => {
        // Damaged copies too: one byte changed anywhere.
        const bytes = new TextEncoder().encode(text);
        const damaged = bytes.slice();
        damaged[at % damaged.length] = byte;
        for (const candidate of [bytes, damaged]) {
          const decoded = new TextDecoder().decode(candidate);
          if (judged(candidate)) {
            // Turned away: parsing must agree, unless the damage broke the JSON itself.
            let parses = true;
            try {
              JSON.parse(decoded);
            } catch {
              parses = false;
            }
            if (parses) expect(ignoredWhenParsed(decoded)).toBe(true);
          }
        }
      }),
      { numRuns: 5_000 },
    );
  });

  it('turns away only what parsing would ignore, whatever the chunking, and keys cut by it are in doubt', async () => {
    const pageEntry = entry({ url: quoted(PAGE), request: ',"headers":[{"name":"a","value":"[{"}]' });
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.oneof(arbitraryEntry(), fc.constantFrom(pageEntry, entry({ url: quoted(PROVIDER) }))), {
          minLength: 1,
          maxLength: 4,
        }),
        fc.integer({ min: 1, max: 64 }),
        async (entries, size) => {
          const bytes = encoded(`{"log":{"entries":[${entries.join(',')}]}}`);
          const chunks: Uint8Array[] = [];
          for (let at = 0; at < bytes.length; at += size) chunks.push(bytes.subarray(at, at + size));
          for await (const item of readHar(chunks, { prefilter }))
            if ('unparsed' in item)
              for (let i = item.index; i < item.index + item.unparsed; i++)
                expect(ignoredWhenParsed(entries[i] as string)).toBe(true);
        },
      ),
      { numRuns: 2_000 },
    );
    // In one piece, a page's entry is turned away; cut through its keys, it is parsed.
    const turnedAway = async (chunks: Uint8Array[]) => {
      let count = 0;
      for await (const item of readHar(chunks, { prefilter })) if ('unparsed' in item) count += item.unparsed;
      return count;
    };
    const har = encoded(`{"log":{"entries":[${pageEntry}]}}`);
    expect(await turnedAway([har])).toBe(1);
    expect(await turnedAway(Array.from(har, (byte) => Uint8Array.of(byte)))).toBe(0);
  });

  it('leaves the items of every fixture HAR as they were, the turned-away in their place', async () => {
    const dir = new URL('../fixtures/har/', import.meta.url);
    const names = readdirSync(dir).filter((name) => name.endsWith('.har'));
    names.push('playwright/recording.har');
    let turnedAway = 0;
    for (const name of names) {
      const text = readFileSync(new URL(name, dir), 'utf8');
      const read = async (filtered: boolean) => {
        const items: unknown[] = [];
        try {
          for await (const item of filtered ? readHar([text], { prefilter }) : readHar([text]))
            items.push(item);
        } catch (error) {
          items.push(String(error));
        }
        return items;
      };
      const [all, filtered] = [await read(false), await read(true)];
      // A run of entries turned away is one item: each of them in its place.
      const TURNED_AWAY = Symbol('turned away');
      const placed = filtered.flatMap((item) =>
        typeof item === 'object' && item !== null && 'unparsed' in item
          ? Array.from({ length: (item as UnparsedItem).unparsed }, () => TURNED_AWAY)
          : [item],
      );
      expect(placed).toHaveLength(all.length);
      placed.forEach((item, i) => {
        if (item === TURNED_AWAY) {
          turnedAway++;
          const full = all[i] as { index: number; exchange?: Exchange };
          expect(full.index).toBe(i);
          expect(full.exchange && ignoredExchange(full.exchange)).toBe(true);
        } else expect(item).toEqual(all[i]);
      });
    }
    expect(turnedAway).toBeGreaterThan(0);
  });
});
