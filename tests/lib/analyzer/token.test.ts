import { describe, expect, it } from 'vitest';
import type { Insight } from '../../../lib/analyzer';
import { TOKENS_KEPT_PER_PROVIDER } from '../../../lib/analyzer/token';
import { analyse, call, httpDate, T0 } from '../../support/session';

const KIOTAPAY = 'https://api.kiotapay.co/api/v1';
const ALTPAY = 'https://public-api.alternativepayments.io';
const REBELL_PAY = 'https://api.rebellapp.com/v1/payments/retailPay';

const base64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
/** A JWT as Kiotapay issues them: `eyJ...`; only its claims matter here. */
const jwt = (claims: Record<string, number>) =>
  `${base64url({ alg: 'HS256', typ: 'JWT' })}.${base64url({ sub: 'merchant', ...claims })}.c2lnbmF0dXJl`;

const kiotapayToken = (
  accessToken: string,
  at: number,
  path = '/api/v1/get-token',
  expiresIn: number | null = 300,
) =>
  call({
    url: `https://api.kiotapay.co${path}`,
    status: 200,
    at,
    body: {
      status: '200 OK',
      data: {
        access_token: accessToken,
        refresh_token: jwt({ iat: 0, exp: 1800 }),
        ...(expiresIn === null ? {} : { expires_in: expiresIn }),
        refresh_expires_in: 1800,
      },
    },
  });

const kiotapayPayment = (
  authorization: string | undefined,
  at: number,
  status = 401,
  path = '/api/v1/payments',
) =>
  call({
    url: `https://api.kiotapay.co${path}`,
    status,
    at,
    body:
      status === 401
        ? { error: { code: 'AUTH_INVALID_TOKEN', message: 'Invalid authentication token', details: '' } }
        : { status: 201, message: 'Success', data: { status: 'PENDING' } },
    request: authorization === undefined ? {} : { Authorization: authorization },
    response: { Date: httpDate(T0 + at * 1000) },
  });

const tokenOf = (result: { insights: Insight[] } | undefined) =>
  result?.insights.filter((insight) => insight.kind === 'token') ?? [];

describe('tokens issued in the capture', () => {
  const ACCESS = jwt({ iat: T0 / 1000, exp: T0 / 1000 + 300 });

  it('finds the expired token and the entry that issued it, though it was reused successfully', () => {
    const { results } = analyse([
      kiotapayToken(ACCESS, 0),
      kiotapayPayment(`Bearer ${ACCESS}`, 60, 201),
      kiotapayPayment(`Bearer ${ACCESS}`, 412),
    ]);
    expect(results[1]?.diagnosis).toBeNull();
    expect(tokenOf(results[2])).toEqual([
      {
        kind: 'token',
        text: "The bearer token was issued by Kiotapay's token endpoint in this capture 412 s before this request and lives 300 s: it had expired 112 s earlier.",
        related: [0],
        figures: {
          problem: 'expired',
          ageSeconds: 412,
          lifetimeSeconds: 300,
          expiredAgoSeconds: 112,
        },
      },
    ]);
  });

  it('says a fresh token is not the cause', () => {
    const { results } = analyse([kiotapayToken(ACCESS, 0), kiotapayPayment(`Bearer ${ACCESS}`, 42)]);
    expect(tokenOf(results[1])[0]).toMatchObject({
      related: [0],
      figures: { problem: 'fresh', ageSeconds: 42, lifetimeSeconds: 300 },
      text: expect.stringContaining('not the cause'),
    });
  });

  it('works on the sandbox under /api/sandbox/v1/', () => {
    const { results } = analyse([
      kiotapayToken('opaque-sandbox-token', 0, '/api/sandbox/v1/get-token'),
      kiotapayPayment('Bearer opaque-sandbox-token', 301, 401, '/api/sandbox/v1/payments'),
    ]);
    expect(tokenOf(results[1])[0]).toMatchObject({ related: [0], figures: { problem: 'expired' } });
  });

  it('knows the token endpoint with a trailing slash, a query or a lower-case method', () => {
    const issue = kiotapayToken('opaque-variant', 0, '/api/v1/get-token/?lang=en');
    const { results } = analyse([{ ...issue, method: 'post' }, kiotapayPayment('Bearer opaque-variant', 10)]);
    expect(tokenOf(results[1])[0]).toMatchObject({ related: [0], figures: { problem: 'fresh' } });
  });

  it('takes the lifetime from expires_in, else the documented one', () => {
    const { results } = analyse([
      kiotapayToken('token-600', 0, '/api/v1/get-token', 600),
      kiotapayToken('token-documented', 0, '/api/v1/get-token', null),
      kiotapayPayment('Bearer token-600', 400),
      kiotapayPayment('Bearer token-documented', 400),
    ]);
    expect(tokenOf(results[2])[0]?.figures).toMatchObject({ problem: 'fresh', lifetimeSeconds: 600 });
    expect(tokenOf(results[3])[0]?.figures).toMatchObject({
      problem: 'expired',
      lifetimeSeconds: 300,
      expiredAgoSeconds: 100,
    });
  });

  it('relates the latest issue of a token, and matches only the same token', () => {
    const { results } = analyse([
      kiotapayToken('first', 0),
      kiotapayToken('second', 200),
      kiotapayPayment('Bearer second', 320),
      kiotapayPayment('Bearer firsT', 320),
    ]);
    expect(tokenOf(results[2])[0]).toMatchObject({
      related: [1],
      figures: { problem: 'fresh', ageSeconds: 120 },
    });
    expect(tokenOf(results[3])[0]?.figures).toMatchObject({ problem: 'not-issued-here' });
  });

  it('remembers a bounded number of tokens per provider', () => {
    const issued = Array.from({ length: TOKENS_KEPT_PER_PROVIDER + 1 }, (_, i) =>
      kiotapayToken(`token-${i}`, i),
    );
    const { results } = analyse([
      ...issued,
      kiotapayPayment('Bearer token-0', 100),
      kiotapayPayment('Bearer token-1', 100),
    ]);
    expect(tokenOf(results.at(-2))[0]?.figures).toMatchObject({ problem: 'not-issued-here' });
    expect(tokenOf(results.at(-1))[0]).toMatchObject({ related: [1], figures: { problem: 'fresh' } });
  });

  it('reads Alternative Payments tokens from POST /oauth/token', () => {
    const token = 'a3f9c2e4b1d0a3f9c2e4b1d0a3f9c2e4';
    const { results } = analyse([
      call({
        url: `${ALTPAY}/oauth/token`,
        status: 200,
        request: { Authorization: 'Basic Y2xpZW50OnNlY3JldA==' },
        body: { access_token: token, expires_in: 3600, token_type: 'bearer' },
      }),
      call({
        url: `${ALTPAY}/payment/request`,
        status: 401,
        at: 3700,
        body: { error: { message: 'Unauthorized' } },
        request: { Authorization: `Bearer ${token}` },
      }),
    ]);
    expect(tokenOf(results[1])[0]).toMatchObject({
      related: [0],
      figures: { problem: 'expired', ageSeconds: 3700, lifetimeSeconds: 3600, expiredAgoSeconds: 100 },
    });
  });
});

describe('tokens issued elsewhere', () => {
  it('dates a JWT by its exp and iat against the server Date', () => {
    const now = T0 / 1000 + 1000;
    const { results } = analyse([
      kiotapayPayment(`Bearer ${jwt({ iat: now - 400, exp: now - 100 })}`, 1000),
      kiotapayPayment(`Bearer ${jwt({ iat: now - 30, exp: now + 270 })}`, 1000),
      kiotapayPayment(`Bearer ${jwt({ exp: now + 10 })}`, 1000),
    ]);
    expect(tokenOf(results[0])[0]).toEqual({
      kind: 'token',
      text: 'The bearer token is a JWT whose exp passed 100 s before this request (issued 400 s before it, lifetime 300 s).',
      related: [],
      figures: {
        problem: 'expired',
        expiredAgoSeconds: 100,
        ageSeconds: 400,
        lifetimeSeconds: 300,
      },
    });
    expect(tokenOf(results[1])[0]?.figures).toEqual({
      problem: 'fresh',
      ageSeconds: 30,
      lifetimeSeconds: 300,
    });
    expect(tokenOf(results[2])[0]?.figures).toEqual({ problem: 'fresh' });
  });

  it('claims no age from an iat after the request, nor from entries out of start order', () => {
    const now = T0 / 1000;
    const { results } = analyse([
      kiotapayPayment(`Bearer ${jwt({ iat: now + 20, exp: now + 320 })}`, 0),
      kiotapayToken('issued-later', 50),
      kiotapayPayment('Bearer issued-later', 10),
    ]);
    expect(tokenOf(results[0])[0]?.figures).toEqual({ problem: 'fresh' });
    expect(tokenOf(results[2])).toEqual([]);
  });

  it('says the age of an opaque token is unknown, and what the lifetime is', () => {
    const { results } = analyse([kiotapayPayment('Bearer 0123456789abcdef', 0)]);
    expect(tokenOf(results[0])).toEqual([
      {
        kind: 'token',
        text: "The bearer token was not issued in this capture and is not a JWT, so its age is unknown; Kiotapay's tokens live 300 s.",
        related: [],
        figures: { problem: 'not-issued-here', lifetimeSeconds: 300 },
      },
    ]);
  });

  it('takes a token that only looks like a JWT for an opaque one', () => {
    for (const token of ['aaa.bbb.ccc', `${base64url({})}.${base64url({ exp: 'soon' })}.sig`, 'a.b']) {
      const { results } = analyse([kiotapayPayment(`Bearer ${token}`, 0)]);
      expect(tokenOf(results[0])[0]?.figures, token).toMatchObject({ problem: 'not-issued-here' });
    }
  });

  it("covers Rebell's token errors, which have no documented lifetime, and only those", () => {
    const rebell = (resultCode: string, authorization: string) =>
      call({
        url: REBELL_PAY,
        status: 200,
        body: { result: { resultStatus: 'F', resultCode, resultMessage: 'message' } },
        request: { Authorization: authorization },
        response: { Date: httpDate(T0) },
      });
    const { results } = analyse([
      rebell('EXPIRED_ACCESS_TOKEN', `Bearer ${jwt({ iat: T0 / 1000 - 7300, exp: T0 / 1000 - 100 })}`),
      rebell('INVALID_ACCESS_TOKEN', 'Bearer opaque'),
      rebell('INVALID_SIGNATURE', 'Bearer opaque'),
    ]);
    expect(tokenOf(results[0])[0]?.figures).toMatchObject({ problem: 'expired', expiredAgoSeconds: 100 });
    expect(tokenOf(results[1])[0]).toMatchObject({
      figures: { problem: 'not-issued-here' },
      text: 'The bearer token was not issued in this capture and is not a JWT, so its age is unknown.',
    });
    expect(tokenOf(results[2])).toEqual([]);
  });
});

describe('how the Authorization header is built', () => {
  it.each([
    ['Bearer undefined', 'the text "undefined"'],
    ['Bearer null', 'the text "null"'],
    ['Bearer [object Object]', 'the text "[object Object]"'],
    ['Bearer ', 'carries nothing after it'],
    ['Bearer', 'carries nothing after it'],
    ['bearer Bearer eyJhbGciOiJIUzI1NiJ9.e30.c2ln', 'repeats the scheme word'],
    ['Bearer "eyJhbGciOiJIUzI1NiJ9.e30.c2ln"', 'contain quotes'],
    ["Bearer 'abc'", 'contain quotes'],
    ['Bearer abc def', 'contain whitespace'],
    ['Bearer abc\n', 'contain whitespace'],
  ])('calls %j malformed: %s', (authorization, says) => {
    const { results } = analyse([kiotapayPayment(authorization, 0)]);
    expect(tokenOf(results[0])).toEqual([
      { kind: 'token', text: expect.stringContaining(says), related: [], figures: { problem: 'malformed' } },
    ]);
  });

  it('names a missing Authorization header', () => {
    const { results } = analyse([
      call({
        url: `${KIOTAPAY}/payments`,
        status: 401,
        body: { error: { code: 'AUTH_MISSING_TOKEN', message: 'Authentication token missing' } },
      }),
    ]);
    expect(tokenOf(results[0])).toEqual([
      {
        kind: 'token',
        text: 'The request has no Authorization header; Kiotapay expects Authorization: Bearer <access token> here.',
        related: [],
        figures: { problem: 'missing' },
      },
    ]);
  });

  it('names Basic where Bearer is expected, and a bare token without a scheme', () => {
    const { results } = analyse([
      kiotapayPayment('Basic a2V5OnNlY3JldA==', 0),
      kiotapayPayment('eyJhbGciOiJIUzI1NiJ9.e30.c2ln', 0),
      kiotapayPayment('Token abc', 0),
    ]);
    expect(tokenOf(results[0])[0]).toMatchObject({
      figures: { problem: 'wrong-scheme' },
      text: 'The request sends Basic credentials where Kiotapay expects Authorization: Bearer <access token>.',
    });
    expect(tokenOf(results[1])[0]).toMatchObject({
      figures: { problem: 'wrong-scheme' },
      text: expect.stringContaining('sends a bare value without a scheme word'),
    });
    expect(tokenOf(results[2])[0]).toMatchObject({
      figures: { problem: 'wrong-scheme' },
      text: expect.stringContaining('sends an Authorization scheme other than Basic or Bearer'),
    });
  });

  it('expects Basic on the Alternative Payments token endpoint', () => {
    const oauth = (authorization?: string) =>
      call({
        url: `${ALTPAY}/oauth/token`,
        status: 403,
        body: { error: { message: 'Forbidden' } },
        request: authorization === undefined ? {} : { Authorization: authorization },
      });
    const { results } = analyse([oauth('Bearer abc'), oauth(), oauth('Basic undefined')]);
    expect(tokenOf(results[0])[0]).toMatchObject({
      figures: { problem: 'wrong-scheme' },
      text: expect.stringContaining(
        'sends a Bearer token where Alternative Payments expects Basic credentials',
      ),
    });
    expect(tokenOf(results[1])[0]).toMatchObject({
      figures: { problem: 'missing' },
      text: expect.stringContaining('expects Basic credentials'),
    });
    expect(tokenOf(results[2])[0]).toMatchObject({
      figures: { problem: 'malformed' },
      text: expect.stringContaining('Basic credentials are the text "undefined"'),
    });
  });
});

describe('what is not a token-age case', () => {
  it("leaves the token endpoint's own 403 alone when its Basic credentials are well-formed", () => {
    const { results } = analyse([
      call({
        url: `${ALTPAY}/oauth/token`,
        status: 403,
        body: { error: { message: 'Forbidden' } },
        request: { Authorization: 'Basic Y2xpZW50Ondyb25n' },
      }),
    ]);
    expect(results[0]?.diagnosis?.category).toBe('auth');
    expect(tokenOf(results[0])).toEqual([]);
  });

  it("leaves Kiotapay's get-token failure alone: its credentials go in the body", () => {
    const { results } = analyse([
      call({
        url: `${KIOTAPAY}/get-token`,
        status: 401,
        body: { error: { code: 'AUTH_INVALID_TOKEN', message: 'Invalid authentication token' } },
      }),
    ]);
    expect(tokenOf(results[0])).toEqual([]);
  });

  it('says nothing about tokens on diagnoses that are not auth', () => {
    const { results } = analyse([
      call({
        method: 'GET',
        url: `${ALTPAY}/payment/request/pr_1`,
        status: 404,
        body: { error: { message: 'Not found' } },
        request: { Authorization: 'Bearer undefined' },
      }),
    ]);
    expect(tokenOf(results[0])).toEqual([]);
  });

  it('does not learn tokens from failed or unparseable token replies', () => {
    const { results } = analyse([
      call({ url: `${KIOTAPAY}/get-token`, status: 500, body: { data: { access_token: 'from-500' } } }),
      call({ url: `${KIOTAPAY}/get-token`, status: 200, body: '{"data": {"access_token": "trunc' }),
      call({
        url: `${KIOTAPAY}/get-token`,
        status: 200,
        body: `{"data":{"access_token":"huge"},"x":"${'y'.repeat(70_000)}"}`,
      }),
      kiotapayPayment('Bearer from-500', 10),
      kiotapayPayment('Bearer huge', 10),
    ]);
    expect(tokenOf(results[3])[0]?.figures).toMatchObject({ problem: 'not-issued-here' });
    expect(tokenOf(results[4])[0]?.figures).toMatchObject({ problem: 'not-issued-here' });
  });
});

describe('secrets', () => {
  it('never puts a token into a text, a figure or a warning', () => {
    const secret = 'sk_live_4f9a2b7c';
    const exchanges = [
      kiotapayToken(secret, 0),
      kiotapayPayment(`Bearer ${secret}`, 10),
      kiotapayPayment(`Bearer ${secret}`, 400),
      kiotapayPayment(`Bearer Bearer ${secret}`, 400),
      kiotapayPayment(`Bearer "${secret}"`, 400),
      kiotapayPayment(`Bearer ${secret} x`, 400),
      kiotapayPayment(secret, 400),
      kiotapayPayment(`${secret} ${secret}`, 400),
    ];
    const { results, warnings } = analyse(exchanges);
    const shown = JSON.stringify({ results: results.map(({ insights }) => insights), warnings });
    expect(shown).toContain('expired');
    expect(shown).not.toContain('sk_live');
  });
});

describe('a capture PayLens redacted', () => {
  it.each([
    'Bearer [REDACTED]',
    'Bearer [JWT, issued 2026-11-29 09:21:12 UTC, expired 2026-11-29 09:31:12 UTC]',
  ])('says nothing of %j: no token is left to judge, and it is not malformed', (authorization) => {
    const { results } = analyse([kiotapayPayment(authorization, 0)]);
    expect(tokenOf(results[0])).toEqual([]);
  });
});
