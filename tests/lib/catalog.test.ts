import { describe, expect, it } from 'vitest';
import type { CatalogQuery } from '../../lib/catalog';
import {
  catalogEntries,
  explainBody,
  explainEntry,
  explanationName,
  normaliseTerm,
  searchCatalog,
  suggestCodes,
} from '../../lib/catalog';
import { rebellResult } from '../../lib/providers/rebell/examples';
import { redactText } from '../../lib/redact';

const names = (query: CatalogQuery) =>
  searchCatalog(query).map((entry) => `${entry.provider.id}:${explanationName(explainEntry(entry))}`);

describe('searchCatalog', () => {
  it('with nothing that names a row, keeps every row of the provider and category in catalog order', () => {
    expect(searchCatalog({})).toEqual(catalogEntries);
    expect(names({ provider: 'apipay', category: 'rate-limit' })).toEqual([
      'apipay:Too many requests',
      'apipay:tariff_limit_reached',
      'apipay:HTTP 429',
    ]);
  });

  it('ranks a status row before the rows that also need a message the query does not give', () => {
    expect(names({ provider: 'apipay', status: 401 })).toEqual(['apipay:HTTP 401', 'apipay:Invalid API key']);
    expect(names({ provider: 'apipay', status: 401, text: 'Invalid API key' })[0]).toBe(
      'apipay:Invalid API key',
    );
  });

  it('leaves out rows whose status, method or path contradict the query', () => {
    expect(names({ provider: 'alternative-payments', status: 400 })).toEqual([
      'alternative-payments:POST /payment/request HTTP 400',
    ]);
    expect(names({ provider: 'alternative-payments', status: 400, method: 'GET' })).toEqual([]);
    expect(names({ provider: 'alternative-payments', status: 400, path: '/oauth/token' })).toEqual([]);
    // A code row says nothing about the status, so a status does not rule it out.
    expect(names({ text: 'AUTH_INVALID_TOKEN', status: 418 })).toEqual(['kiotapay:AUTH_INVALID_TOKEN']);
  });

  it('finds exact names first, then parts of names, then words of the descriptions', () => {
    expect(names({ text: 'invalid refresh token' })[0]).toBe('rebell:INVALID_REFRESH_TOKEN');
    // The two codes that hold it first; then rows whose note mentions refresh tokens.
    const partial = names({ text: 'REFRESH_TOK' });
    expect(partial.slice(0, 2)).toEqual(['rebell:INVALID_REFRESH_TOKEN', 'rebell:EXPIRED_REFRESH_TOKEN']);
    expect(partial.slice(2)).toContain('kiotapay:AUTH_INVALID_TOKEN');
    expect(names({ text: 'kaspi business session' })).toContain('apipay:kaspi_session_invalid');
    // Whole words only: "time" is not found inside the signature note's "X-Timestamp".
    expect(names({ text: 'request time invalid', provider: 'payfield' })).toEqual([]);
  });

  it('compares codes and messages without case, underscores, extra spaces or a final full stop', () => {
    expect(normaliseTerm('  Invalid_Signature. ')).toBe('invalid signature');
    expect(normaliseTerm('AUTH_INVALID_TOKEN')).toBe(normaliseTerm('auth  invalid token'));
  });
});

describe('suggestCodes', () => {
  it('offers the closest codes, up to three, and nothing far away', () => {
    expect(suggestCodes('INVALID_SIGNATUR')).toEqual(['INVALID_SIGNATURE']);
    expect(suggestCodes('PAYMENT_IN_PROGRESS')).toEqual(['PAYMENT_IN_PROCESS']);
    expect(suggestCodes('XYZ')).toEqual([]);
    expect(suggestCodes('INVALID_CODES', 'kiotapay')).toEqual([]);
  });
});

describe('explainBody', () => {
  const CARD = '4111 1111 1111 1111';

  it('redacts what it echoes from the body, also when the body names nothing documented', () => {
    const body = JSON.stringify(rebellResult('F', 'NEW_CODE', `card ${CARD} refused`));
    const result = explainBody({ body });
    expect(result).toMatchObject({
      kind: 'undocumented',
      code: 'NEW_CODE',
      message: redactText(`card ${CARD} refused`),
    });
    expect(JSON.stringify(result)).not.toContain(CARD);
  });

  it('says why a body that is not JSON names nothing', () => {
    expect(explainBody({ body: '<html>Bad gateway</html>', provider: 'kiotapay' })).toMatchObject({
      kind: 'undocumented',
      bodyNote: expect.stringContaining('HTML page'),
    });
  });

  it('with a status, takes the status row when the body names nothing it contradicts', () => {
    const body = '{"code":"server_error","error":{"code":"server_error"}}';
    expect(explainBody({ body, provider: 'payfield', status: 500 })).toMatchObject({
      kind: 'explained',
      explanation: { code: 'server_error', status: 500, title: 'Internal Server Error' },
    });
    // Payfield names errors by message: an unknown one is undocumented, whatever the status.
    expect(explainBody({ body: '{"message":"Server Error"}', provider: 'payfield', status: 500 }).kind).toBe(
      'undocumented',
    );
  });
});
