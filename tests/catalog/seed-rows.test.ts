/**
 * Every row of every table in the five seed documents must come out of `diagnose()` with the
 * documented texts word for word, or be a documented success. The rows are parsed from the
 * vendored seeds (lib/providers/<id>/seed.txt), never copied from the catalog.
 */

import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { diagnose } from '../../lib/matcher';
import { providerById } from '../../lib/providers';
import {
  exchangesFor,
  payfieldMessages,
  rowProblems,
  SEED_IDS,
  type SeedId,
  type SeedRow,
  seedPath,
  seedRows,
} from '../seeds/rows';

/** The originals, beside the checkout; the vendored copies are compared with them where they exist. */
const SHARED_SEEDS = fileURLToPath(new URL('../../../shared/seeds', import.meta.url));

/** Counted by hand in each seed, table by table: guards the parsers against losing rows. */
const HAND_COUNTS: Record<SeedId, Record<string, number>> = {
  kiotapay: {
    'Authentication & Authorization Errors': 3,
    'Request Errors': 3,
    'Resource Errors': 2,
    'Payment Errors': 3,
    'Server Errors': 3,
    'HTTP Status Codes Overview': 8,
  },
  rebell: {
    'Result Status Values': 4,
    'Authentication & Authorization': 6,
    'Request Validation': 5,
    'Rate Limiting': 2,
    'System Errors': 3,
    'Payment Creation': 5,
    'Payment Processing': 5,
    Refunds: 4,
    Void: 3,
    Capture: 3,
    'Authorization-Specific Error Codes': 8,
    'Message-Specific Error Codes': 3,
  },
  payfield: { 'HTTP codes': 7, 'Common messages': 12 },
  apipay: { 'HTTP Status Codes': 13, 'Common Errors': 6 },
  'alternative-payments': { Errors: 7 },
};
const HAND_TOTALS: Record<SeedId, number> = {
  kiotapay: 22,
  rebell: 51,
  payfield: 19,
  apipay: 19,
  'alternative-payments': 7,
};

/** What the diagnosis must say for a row: only the texts the row documents. */
function documentedTexts(row: SeedRow) {
  return {
    provider: row.provider,
    documented: true,
    meaning: row.meaning,
    ...(row.remedy !== undefined ? { remedy: row.remedy } : {}),
    ...(row.title !== undefined ? { title: row.title } : {}),
    ...(row.resultStatus !== undefined ? { outcome: row.resultStatus === 'U' ? 'unknown' : 'failed' } : {}),
  };
}

describe.each(SEED_IDS)('%s seed', (id) => {
  const rows = seedRows(id);
  const failures = rows.filter((row) => !row.success);
  const successes = rows.filter((row) => row.success);
  const provider = providerById(id);

  it('parses the rows counted by hand', () => {
    expect(rows).toHaveLength(HAND_TOTALS[id]);
    const perTable: Record<string, number> = {};
    for (const row of rows) perTable[row.table] = (perTable[row.table] ?? 0) + 1;
    expect(perTable).toEqual(HAND_COUNTS[id]);
  });

  it.skipIf(!existsSync(SHARED_SEEDS))('is vendored byte for byte', () => {
    const prefix = `${String(SEED_IDS.indexOf(id)).padStart(3, '0')}_`;
    const original = readdirSync(SHARED_SEEDS).filter((name) => name.startsWith(prefix));
    expect(original).toHaveLength(1);
    expect(readFileSync(seedPath(id)).equals(readFileSync(join(SHARED_SEEDS, original[0] ?? '')))).toBe(true);
  });

  it.each(failures)('$table › $key', (row) => {
    const cases = exchangesFor(row);
    expect(cases.length).toBeGreaterThan(0);
    for (const { label, exchange } of cases) {
      const diagnosis = diagnose(exchange);
      expect(diagnosis, label).not.toBeNull();
      const expected = documentedTexts(row);
      const actual = Object.fromEntries(
        Object.keys(expected).map((key) => [key, diagnosis?.[key as keyof typeof expected]]),
      );
      expect(actual, label).toEqual(expected);
      // Kiotapay prints the three texts run together: the catalog's must rebuild the line.
      if (row.joined !== undefined) {
        expect(`${diagnosis?.title}${diagnosis?.meaning}${diagnosis?.remedy}`, label).toBe(row.joined);
      }
    }
    // The coverage table reads the same check.
    expect(rowProblems(row)).toEqual([]);
  });

  it('lists exactly the documented successes', () => {
    expect(provider?.successes).toHaveLength(successes.length);
  });

  if (successes.length > 0) {
    it.each(successes)('$table › $key is a documented success', (row) => {
      for (const { label, exchange } of exchangesFor(row)) expect(diagnose(exchange), label).toBeNull();
      const outcome =
        row.resultStatus === 'S' ? 'success' : row.resultStatus === 'A' ? 'accepted' : undefined;
      expect(provider?.successes).toContainEqual(
        expect.objectContaining({
          meaning: row.meaning,
          ...(row.title !== undefined ? { title: row.title } : {}),
          ...(outcome ? { outcome } : { status: row.status }),
        }),
      );
      expect(rowProblems(row)).toEqual([]);
    });
  }
});

describe('Payfield messages with alternatives and values', () => {
  const messageRows = seedRows('payfield').filter((row) => row.message !== undefined);

  it.each([
    [
      'Timestamp required / Invalid timestamp format / Timestamp window exceeded',
      ['Timestamp required', 'Invalid timestamp format', 'Timestamp window exceeded'],
    ],
    ['Payout not found / PayIn not found', ['Payout not found', 'PayIn not found']],
    ['Shop currency mismatch. Expected X.', ['Shop currency mismatch. Expected KZT.']],
    ['Insufficient balance...', ['Insufficient balance', 'Insufficient balance. Available: 1200.00 KZT']],
  ])('%s is tried as each alternative, with a real value', (documented, expected) => {
    expect(messageRows.map((row) => row.message)).toContain(documented);
    const tried = payfieldMessages(documented);
    for (const message of expected) expect(tried.some((text) => text.startsWith(message))).toBe(true);
    expect(tried.some((text) => text.includes(' X.') || text.endsWith('...'))).toBe(false);
  });

  it.each(messageRows)('$key: the body carries each message tried', (row) => {
    const cases = exchangesFor(row);
    expect(cases.map(({ exchange }) => diagnose(exchange)?.message)).toEqual(
      payfieldMessages(row.message ?? ''),
    );
  });
});

describe('the parsers keep the seed text', () => {
  const all = SEED_IDS.flatMap(seedRows);
  const texts = all.flatMap((row) =>
    [row.title, row.meaning, row.remedy].filter((text) => text !== undefined),
  );

  it('joins lines that inline code broke, and leaves no mojibake', () => {
    for (const text of texts) {
      expect(text).not.toMatch(/\n|â€|â†/);
      expect(text).toBe(text.trim());
    }
  });

  it('keeps non-breaking hyphens, curly quotes and arrows', () => {
    const remedy = (provider: SeedId, key: string) =>
      all.find((row) => row.provider === provider && row.key === key)?.remedy;
    expect(remedy('alternative-payments', 'POST /oauth/token 403')).toBe(
      'Re\u2011encode credentials and retry',
    );
    expect(remedy('apipay', '401 Invalid API key')).toBe(
      'Check your API key in dashboard Settings → Connection.',
    );
    expect(all.find((row) => row.provider === 'payfield' && row.key === '200')?.meaning).toContain(
      '\u201calready exists\u201d',
    );
  });

  it('reads the endpoint despite the stray space in the path', () => {
    const keys = seedRows('alternative-payments').map((row) => row.key);
    expect(keys).toContain('GET /payment/request/{id} 404');
  });
});
