/**
 * The documented rows of the five vendored error references (`lib/providers/<id>/seed.txt`,
 * read by the parser beside it, never from the catalog), and the exchanges that should
 * reproduce each row. Used by tests/catalog/seed-rows.test.ts and scripts/coverage-table.ts.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { diagnose } from '../../lib/matcher';
import { providerById } from '../../lib/providers';
import { alternativePaymentsError } from '../../lib/providers/alternative-payments/examples';
import { parseAlternativePayments } from '../../lib/providers/alternative-payments/seed';
import { apipayMessage } from '../../lib/providers/apipay/examples';
import { parseApipay } from '../../lib/providers/apipay/seed';
import { kiotapayError, kiotapayStatus, kiotapaySuccess } from '../../lib/providers/kiotapay/examples';
import { parseKiotapay } from '../../lib/providers/kiotapay/seed';
import { payfieldError } from '../../lib/providers/payfield/examples';
import { parsePayfield } from '../../lib/providers/payfield/seed';
import { parseRebell } from '../../lib/providers/rebell/seed';
import type { ResultStatus, SeedRow } from '../../lib/providers/seed';
import type { Exchange } from '../../lib/types';

export type { SeedRow } from '../../lib/providers/seed';

export const SEED_IDS = ['kiotapay', 'rebell', 'payfield', 'apipay', 'alternative-payments'] as const;
export type SeedId = (typeof SEED_IDS)[number];

export function seedPath(id: SeedId): string {
  return fileURLToPath(new URL(`../../lib/providers/${id}/seed.txt`, import.meta.url));
}

export function seedText(id: SeedId): string {
  return readFileSync(seedPath(id), 'utf8');
}

/** Each seed's parser, beside it in the provider's folder. */
const parsers: Record<SeedId, (text: string) => SeedRow[]> = {
  kiotapay: parseKiotapay,
  rebell: parseRebell,
  payfield: parsePayfield,
  apipay: parseApipay,
  'alternative-payments': parseAlternativePayments,
};

export function seedRows(id: SeedId): SeedRow[] {
  return parsers[id](seedText(id));
}

// Exchanges that should reproduce each row: real hosts, the provider's documented body shape.

export interface RowExchange {
  label: string;
  exchange: Exchange;
}

function exchange(method: string, url: string, status: number, body?: unknown): Exchange {
  const json = body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body);
  return {
    method,
    url,
    status,
    requestHeaders: [{ name: 'Accept', value: 'application/json' }],
    responseHeaders: json === undefined ? [] : [{ name: 'Content-Type', value: 'application/json' }],
    ...(json === undefined ? {} : { responseBody: json, mimeType: 'application/json' }),
    startedDateTime: '2025-03-14T09:26:53.000Z',
  };
}

function kiotapayExchanges(row: SeedRow): RowExchange[] {
  const status = row.status ?? 0;
  const production = 'https://api.kiotapay.co/api/v1/payments';
  const sandbox = 'https://api.kiotapay.co/api/sandbox/v1/payments';
  if (row.success) {
    const data = { reference: 'KTP-7F3A9C', status: 'PENDING' };
    return [
      {
        label: 'success envelope',
        exchange: exchange('POST', production, status, kiotapaySuccess(status, data)),
      },
    ];
  }
  if (row.code === undefined) {
    return [
      {
        label: 'status without a code',
        exchange: exchange('POST', production, status, kiotapayStatus(status, row.title ?? '')),
      },
    ];
  }
  return [
    {
      label: 'error envelope',
      exchange: exchange('POST', production, status, kiotapayError(row.code, row.title ?? '', row.meaning)),
    },
    {
      label: 'top-level errorCode, sandbox',
      exchange: exchange('POST', sandbox, status, {
        errorCode: row.code,
        message: row.title,
        details: row.meaning,
        statusCode: String(status),
      }),
    },
  ];
}

/** Where each Rebell table's codes come from, in the Alipay-style paths of the platform. */
const REBELL_PATHS: Record<string, string> = {
  'Result Status Values': '/v1/payments/inquiryPayment',
  Refunds: '/v1/payments/refund',
  Void: '/v1/payments/cancel',
  Capture: '/v1/payments/capture',
  'Authorization-Specific Error Codes': '/v1/authorizations/applyToken',
  'Message-Specific Error Codes': '/v1/messages/sendInbox',
};

function rebellExchanges(row: SeedRow): RowExchange[] {
  const path = REBELL_PATHS[row.table] ?? '/v1/payments/pay';
  // A code table row names its code; a Result Status row stands for results with no listed code.
  const result = {
    resultStatus: row.resultStatus,
    ...(row.code ? { resultCode: row.code } : row.success ? { resultCode: 'SUCCESS' } : {}),
    resultMessage: row.meaning,
  };
  return ['api.rebellapp.com', 'sandbox-api.rebellapp.com'].map((host) => ({
    label: `HTTP 200 on ${host}`,
    exchange: exchange('POST', `https://${host}${path}`, 200, { result }),
  }));
}

/** Each " / " alternative, with a realistic value where the documents show a placeholder. */
export function payfieldMessages(documented: string): string[] {
  return documented.split(' / ').flatMap((alternative) => {
    if (alternative.endsWith('...')) {
      const stem = alternative.slice(0, -3);
      return [stem, `${stem}. Available: 1200.00 KZT, requested: 5000.00 KZT.`];
    }
    if (/\bX\.$/.test(alternative)) {
      return ['KZT', 'USD'].map((currency) => alternative.replace(/X\.$/, `${currency}.`));
    }
    return [alternative];
  });
}

function payfieldExchanges(row: SeedRow): RowExchange[] {
  const base = 'https://api.payfield.io/api/v1';
  const status = row.status ?? 0;
  if (row.success) {
    const payout = { external_id: 'po-20250314-0001', status: 'pending', amount: '5000.00', currency: 'KZT' };
    return [{ label: 'payout', exchange: exchange('POST', `${base}/payouts`, status, payout) }];
  }
  if (row.message === undefined) {
    // The HTTP codes table names no message, so the body carries only a code.
    const codes: Record<number, string> = { 401: 'unauthorized', 422: 'validation_error' };
    const code = codes[status] ?? (row.title ?? '').toLowerCase().replaceAll(' ', '_');
    const url = status === 404 ? `${base}/payouts/po-20250314-0001` : `${base}/payouts`;
    return [
      {
        label: `code ${code}`,
        exchange: exchange(status === 404 ? 'GET' : 'POST', url, status, { code, error: { code } }),
      },
    ];
  }
  return payfieldMessages(row.message).map((message) => {
    const auth = /API key|timestamp|signature/i.test(message);
    const notFound = /not found/i.test(message);
    const code = auth ? 'unauthorized' : notFound ? 'not_found' : 'validation_error';
    const field = /^[a-z_]+(?= )/.exec(message)?.[0];
    const body = payfieldError(
      code,
      message,
      code === 'validation_error' && field ? [{ field, message }] : undefined,
    );
    const url = notFound
      ? `${base}/${message.startsWith('PayIn') ? 'payins' : 'payouts'}/op-20250314-0001`
      : `${base}/payouts`;
    return {
      label: JSON.stringify(message),
      exchange: exchange(notFound ? 'GET' : 'POST', url, auth ? 401 : notFound ? 404 : 422, body),
    };
  });
}

function apipayExchanges(row: SeedRow): RowExchange[] {
  const status = row.status ?? 0;
  const body = row.success
    ? { id: 48213, status: 'pending', amount: 5000 }
    : // The status table names no message: a framework's default text for the status.
      (row.exampleBody ?? apipayMessage(row.title ?? '', status === 429 ? { retryAfter: 60 } : {}));
  return ['api.apipay.kz', 'bpapi.bazarbay.site'].map((host) => ({
    label: host,
    exchange: exchange('POST', `https://${host}/api/v1/invoices`, status, body),
  }));
}

function alternativePaymentsExchanges(row: SeedRow): RowExchange[] {
  const id = '3f2b8c1e-9a4d-4e6f-8b7a-2c5d1e0f9a83';
  const endpoints =
    row.method && row.path
      ? [[row.method, row.path]]
      : [
          ['POST', '/payment/request'],
          ['GET', '/payment/request/{id}'],
          ['POST', '/oauth/token'],
        ];
  return ['public-api.alternativepayments.io', 'public-api.demo.alternativepayments.io'].flatMap((host) =>
    endpoints.map(([method = '', path = '']) => ({
      label: `${method} ${path} on ${host}`,
      exchange: exchange(
        method,
        `https://${host}${path.replace('{id}', id)}`,
        row.status ?? 0,
        alternativePaymentsError(row.title ?? ''),
      ),
    })),
  );
}

const exchangeBuilders: Record<string, (row: SeedRow) => RowExchange[]> = {
  kiotapay: kiotapayExchanges,
  rebell: rebellExchanges,
  payfield: payfieldExchanges,
  apipay: apipayExchanges,
  'alternative-payments': alternativePaymentsExchanges,
};

export function exchangesFor(row: SeedRow): RowExchange[] {
  const build = exchangeBuilders[row.provider];
  if (!build) throw new Error(`No exchanges for ${row.provider}'s rows`);
  return build(row);
}

const SUCCESS_OUTCOMES: Partial<Record<ResultStatus, string>> = { S: 'success', A: 'accepted' };

/** Where the catalog departs from the row; empty when it reproduces the row word for word. */
export function rowProblems(row: SeedRow): string[] {
  const problems: string[] = [];
  const differs = (what: string, actual: unknown, documented: unknown) => {
    if (actual !== documented) {
      problems.push(`${what}: ${JSON.stringify(actual)} ≠ ${JSON.stringify(documented)}`);
    }
  };
  for (const { label, exchange } of exchangesFor(row)) {
    const diagnosis = diagnose(exchange);
    if (row.success) {
      if (diagnosis !== null) problems.push(`${label}: diagnosed as ${diagnosis.title}`);
      continue;
    }
    if (diagnosis === null) {
      problems.push(`${label}: no diagnosis`);
      continue;
    }
    differs(`${label}: provider`, diagnosis.provider, row.provider);
    differs(`${label}: documented`, diagnosis.documented, true);
    differs(`${label}: meaning`, diagnosis.meaning, row.meaning);
    if (row.remedy !== undefined) differs(`${label}: remedy`, diagnosis.remedy, row.remedy);
    if (row.title !== undefined) differs(`${label}: title`, diagnosis.title, row.title);
    if (row.joined !== undefined) {
      differs(
        `${label}: title+meaning+remedy`,
        diagnosis.title + diagnosis.meaning + diagnosis.remedy,
        row.joined,
      );
    }
    if (row.resultStatus !== undefined) {
      differs(`${label}: outcome`, diagnosis.outcome, row.resultStatus === 'U' ? 'unknown' : 'failed');
    }
  }
  if (row.success) {
    const outcome = row.resultStatus && SUCCESS_OUTCOMES[row.resultStatus];
    const listed = providerById(row.provider)?.successes.some(
      (success) =>
        (outcome ? success.outcome === outcome : success.status === row.status) &&
        success.meaning === row.meaning &&
        (row.title === undefined || success.title === row.title),
    );
    if (!listed) problems.push('not among the provider’s documented successes');
  }
  return problems;
}
