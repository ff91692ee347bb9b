/**
 * Planted secrets: every credential-bearing header and field the five providers' documents
 * name, bearer and basic auth, tokens in URLs and query strings, card numbers in JSON and
 * text, JWTs. Each value is unique, so a leak is found by plain search. The exchanges
 * put them where outputs reach: URLs, request headers, and response bodies that echo them.
 */

import { alternativePaymentsError } from '../../lib/providers/alternative-payments/examples';
import { apipayMessage } from '../../lib/providers/apipay/examples';
import { kiotapayError } from '../../lib/providers/kiotapay/examples';
import { payfieldError } from '../../lib/providers/payfield/examples';
import { rebellResult } from '../../lib/providers/rebell/examples';
import type { Exchange } from '../../lib/types';

export const SECRETS = {
  bearerJwt:
    'eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJzaG9wLTQyIiwiZXhwIjoxOTAwMDAwMDAwfQ.S1gn4tur3-Pl4nted_JwT',
  basicCredentials: btoa('client-7781:cs_live_Q2x1ZW50U2VjcmV0'),
  clientSecret: 'cs_live_Q2x1ZW50U2VjcmV0',
  apiKey: 'pf_live_5ecr3tK3yValue99',
  xSignature: 'hmac9a8b7c6d5e4f3a2b1c0d9e8f',
  rebellSignature: 'RSAsig+Pl4ntedSignatureValue==',
  kiotapayApiKey: 'kiota_key_77Ab91Xy',
  kiotapayApiSecret: 'kiota_secret_Zz81Qq07',
  accessToken: 'at_0f9e8d7c6b5a4f3e2d1c',
  refreshToken: 'rt_1a2b3c4d5e6f7a8b9c0d',
  password: 'hunter2-Pl4nted-Pa55',
  cookie: 'sess_4d3c2b1a0f9e8d7c',
  urlToken: 'qt_9zy8xw7vu6ts5rq4',
  urlPassword: 'p4ssw0rd_in_url',
  fragmentToken: 'ft_5d4c3b2a1f0e',
  visa: '4111111111111111',
  visaSpaced: '4111 1111 1111 1111',
  mastercard: '5500005555555559',
  amexNumber: 378282246310005,
  textJwt: 'eyJhbGciOiJIUzI1NiJ9.eyJ1c2VyIjoiYWxpY2UifQ.dGV4dC1ib2R5LWp3dC1zaWc',
  // Names real captures use: key=, sig=, code=, anti-csrf, id_token, SAMLResponse.
  queryKey: 'L8J7G-PYWL3-Q9ZXA',
  querySig: 'Cg0ArKJ8sZx1Pl4nted',
  oauthCode: 'CAESEJPDpl4ntedC0de',
  antiCsrf: 'csrf_pl4nted_7f3e2d1c',
  xCsrf: 'xcsrf_pl4nted_0a9b8c',
  idToken: 'idt_pl4nted_5e6f7a8b9c',
  samlResponse: 'PHNhbWxwOlJlc3BvbnNlIFBsNG50ZWQ',
  pathKey: 'apk_path_pl4nted_91x',
  codeKey: 'KEY9PL4NTED77',
  // Found by a review: cards written as URLs and people write them, names as integrations
  // spell them, credentials of other schemes, and secrets in markup, forms and other URLs.
  escapedSpaceCard: '4012%208888%208888%201881',
  plusCard: '5555+5555+5555+4444',
  dottedCard: '4000.0566.5566.5556',
  roundedLongCard: '4000123456789012',
  compoundCvc: 'Cvc9Pl4nted',
  unlabelledFormPin: 'PinPl4nted42',
  bodyUrlPassword: 'BodyPassw0rdPl4nted',
  embeddedSig: 'EmbSigPl4nted01',
  embeddedCode: 'EmbCodePl4nted02',
  embeddedKey: 'EmbKeyPl4nted03',
  customScheme: 'kp_live_CustomPl4nted0001',
  digestResponse: '6629fae49393a05397450978507c4ef1',
  hmacHeader: '9c1185a5c5e9fc54612808977ee8f548',
  merchantKeyHeader: 'MerchKeyHdrPl4nted45',
  subscriptionKey: 'OcpSubKeyPl4nted0011',
  passphrase: 'CorrectHorsePl4nted',
  merchantKeyField: 'MK_Pl4nted_998877',
  xmlPassword: 'XmlPassw0rdPl4nted',
  multipartSecret: 'MultiPartPl4nted99',
  csrfMeta: 'CsrfMetaPl4nted77',
  spacedJwtSignature: 'SpacedJwtSigPl4nted',
  escapedNewlineJwtSignature: 'EscNlJwtSigPl4nted',
  tokenInList: 'ArrTok3nPl4nted',
  passwordInObject: 'ObjPassw0rdPl4nted',
  // And by a second: more names, `;` and escaped URLs in queries, JSON inside messages, keys
  // sent as a Basic user, session cookies echoed back.
  xAuthorization: 'kp_live_XAuthPl4nted77',
  cardSecurityCode: 'CscPl4nted737',
  semicolonSig: 'SemiSigPl4nted0a1b',
  escapedNestedToken: 'at_live_NestedPl4nted5f4e',
  embeddedJsonKey: 'kp_tst_EmbeddedPl4nted01',
  basicUserKey: 'kp_live_BasicUserPl4nted',
  sessionCookie: 's3ss10nPl4nted0123456789',
} as const;

/** What must never appear in any output: each secret, as written and as a plain string. */
export const FORBIDDEN: ReadonlyArray<[name: string, value: string]> = Object.entries(SECRETS).map(
  ([name, value]) => [name, String(value)],
);

const STARTED = '2026-11-22T10:00:00.000Z';
const json = (value: unknown) => JSON.stringify(value);

function exchange(overrides: Partial<Exchange> & Pick<Exchange, 'url' | 'status'>): Exchange {
  return {
    method: 'POST',
    requestHeaders: [],
    responseHeaders: [{ name: 'content-type', value: 'application/json' }],
    startedDateTime: STARTED,
    ...overrides,
  };
}

/** Provider errors, each diagnosed, carrying the planted secrets. */
export function plantedExchanges(): Exchange[] {
  return [
    exchange({
      url: `https://api.kiotapay.co/api/v1/payments?access_token=${SECRETS.bearerJwt}&token=${SECRETS.urlToken}`,
      status: 401,
      requestHeaders: [
        { name: 'Authorization', value: `Bearer ${SECRETS.bearerJwt}` },
        { name: 'Cookie', value: `session=${SECRETS.cookie}` },
      ],
      responseBody: json(kiotapayError('AUTH_INVALID_TOKEN', `Token ${SECRETS.bearerJwt} expired`, '')),
    }),
    exchange({
      url: 'https://api.kiotapay.co/api/v1/get-token',
      status: 403,
      requestBody: json({ apiKey: SECRETS.kiotapayApiKey, apiSecret: SECRETS.kiotapayApiSecret }),
      responseBody: json({
        ...kiotapayError(
          'AUTH_FORBIDDEN',
          `apiSecret ${SECRETS.kiotapayApiSecret} does not belong to ${SECRETS.kiotapayApiKey}`,
        ),
        apiKey: SECRETS.kiotapayApiKey,
        apiSecret: SECRETS.kiotapayApiSecret,
        access_token: SECRETS.accessToken,
        refresh_token: SECRETS.refreshToken,
      }),
    }),
    exchange({
      url: 'https://api.rebellapp.com/v1/payments/pay',
      status: 200,
      requestHeaders: [
        { name: 'Client-Id', value: 'client-rebell-01' },
        { name: 'Request-Time', value: STARTED },
        {
          name: 'Signature',
          value: `algorithm=SHA256withRSA, keyVersion=1, signature=${SECRETS.rebellSignature}`,
        },
      ],
      responseBody: json(
        rebellResult('F', 'INVALID_SIGNATURE', `signature ${SECRETS.rebellSignature} does not verify`),
      ),
    }),
    exchange({
      url: 'https://api.payfield.io/api/v1/payouts',
      status: 422,
      requestHeaders: [
        { name: 'X-API-Key', value: SECRETS.apiKey },
        { name: 'X-Timestamp', value: '1763805600' },
        { name: 'X-Signature', value: SECRETS.xSignature },
      ],
      requestBody: json({
        external_id: 'po-1',
        amount: '5000.00',
        currency: 'KZT',
        card_number: SECRETS.visa,
      }),
      responseBody: json({
        ...payfieldError('validation_error', 'card_number is required', [
          { field: 'card_number', message: `card ${SECRETS.visaSpaced} is not a wallet` },
          { field: `key ${SECRETS.apiKey}`, message: `signature ${SECRETS.xSignature} is stale` },
        ]),
        echo: {
          card_number: SECRETS.visa,
          pan: SECRETS.amexNumber,
          key: SECRETS.apiKey,
          sig: SECRETS.xSignature,
        },
      }),
    }),
    exchange({
      url: `https://api.apipay.kz/api/v1/invoices?api_key=${SECRETS.apiKey}#access_token=${SECRETS.fragmentToken}`,
      status: 401,
      requestHeaders: [{ name: 'X-API-Key', value: SECRETS.apiKey }],
      responseBody: json({ ...apipayMessage('Invalid API key'), password: SECRETS.password }),
    }),
    exchange({
      url: `https://user:${SECRETS.urlPassword}@public-api.alternativepayments.io/oauth/token`,
      status: 403,
      requestHeaders: [
        { name: 'Authorization', value: `Basic ${SECRETS.basicCredentials}` },
        { name: 'Content-Type', value: 'application/x-www-form-urlencoded' },
      ],
      requestBody: `grant_type=client_credentials&client_secret=${SECRETS.clientSecret}`,
      responseBody: json(
        alternativePaymentsError(`client_id client-7781 with secret ${SECRETS.clientSecret} refused`),
      ),
    }),
    exchange({
      // A key in the path and the query, echoed in the message, the code and a field error.
      url: `https://api.kiotapay.co/api/v1/keys/${SECRETS.pathKey}/payments?key=${SECRETS.queryKey}&sig=${SECRETS.querySig}&code=${SECRETS.oauthCode}&id_token=${SECRETS.idToken}`,
      status: 401,
      requestHeaders: [
        { name: 'X-API-Key', value: SECRETS.pathKey },
        { name: 'Key', value: SECRETS.codeKey },
        { name: 'anti-csrf', value: SECRETS.antiCsrf },
        { name: 'X-CSRF', value: SECRETS.xCsrf },
        { name: 'Content-Type', value: 'application/x-www-form-urlencoded' },
      ],
      requestBody: `SAMLResponse=${SECRETS.samlResponse}&card_number=${SECRETS.visa}&apiSecret=${SECRETS.kiotapayApiSecret}`,
      responseBody: json(
        kiotapayError(
          `AUTH_BAD_KEY_${SECRETS.codeKey}`,
          `key ${SECRETS.pathKey} with sig ${SECRETS.querySig} and csrf ${SECRETS.antiCsrf} refused`,
        ),
      ),
    }),
    exchange({
      url: `https://api.kiotapay.co/api/v1/cards/${SECRETS.escapedSpaceCard}/verify?number=${SECRETS.plusCard}`,
      status: 401,
      requestHeaders: [
        { name: 'Authorization', value: `ApiKey ${SECRETS.customScheme}` },
        { name: 'X-HMAC', value: SECRETS.hmacHeader },
        { name: 'X-Merchant-Key', value: SECRETS.merchantKeyHeader },
        { name: 'Ocp-Apim-Subscription-Key', value: SECRETS.subscriptionKey },
      ],
      // A form, though the HAR calls it JSON and no header names it.
      requestBody: `amount=1500&card%5Bcvc%5D=${SECRETS.compoundCvc}&pin=${SECRETS.unlabelledFormPin}`,
      responseBody: json(
        kiotapayError(
          'AUTH_INVALID_TOKEN',
          `Invalid API key ${SECRETS.customScheme}; callback https://shop:${SECRETS.bodyUrlPassword}@shop.example/cb?sig=${SECRETS.embeddedSig}&code=${SECRETS.embeddedCode}&key=${SECRETS.embeddedKey} refused`,
          `card ${SECRETS.dottedCard} and bad jwt:\\neyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.${SECRETS.escapedNewlineJwtSignature}`,
        ),
      ),
    }),
    exchange({
      url: 'https://api.payfield.io/api/v1/payouts',
      status: 401,
      requestHeaders: [
        {
          name: 'Authorization',
          value: `Digest username="shop", realm="payfield", nonce="n0nce", uri="/api/v1/payouts", response="${SECRETS.digestResponse}"`,
        },
      ],
      requestBody: `{"external_id":"po-2","pan":${SECRETS.roundedLongCard}004,"passphrase":"${SECRETS.passphrase}","merchantKey":"${SECRETS.merchantKeyField}","token":["${SECRETS.tokenInList}"],"password":{"value":"${SECRETS.passwordInObject}"},"idt":"eyAiYWxnIjoiSFMyNTYiLCJ0eXAiOiJKV1QifQ.eyJzdWIiOiJ1MSIsImV4cCI6MTkwMDAwMDAwMH0.${SECRETS.spacedJwtSignature}"}`,
      responseBody: json(
        payfieldError('invalid_signature', `digest response ${SECRETS.digestResponse} does not match`),
      ),
    }),
    exchange({
      url: 'https://api.apipay.kz/api/v1/invoices',
      status: 403,
      requestHeaders: [{ name: 'Content-Type', value: 'multipart/form-data; boundary=b0' }],
      requestBody: `--b0\r\nContent-Disposition: form-data; name="apiSecret"\r\n\r\n${SECRETS.multipartSecret}\r\n--b0--\r\n`,
      responseHeaders: [{ name: 'content-type', value: 'text/html' }],
      responseBody: `<html><head><meta name="csrf-token" content="${SECRETS.csrfMeta}"></head><body><password>${SECRETS.xmlPassword}</password> Forbidden</body></html>`,
    }),
    exchange({
      url: `https://api.kiotapay.co/api/v1/payments?page=1;sig=${SECRETS.semicolonSig}&return_url=${encodeURIComponent(`https://shop.example/done?access_token=${SECRETS.escapedNestedToken}`)}`,
      status: 401,
      requestHeaders: [
        { name: 'X-Authorization', value: SECRETS.xAuthorization },
        { name: 'Authorization', value: `Basic ${btoa(`${SECRETS.basicUserKey}:`)}` },
        { name: 'Cookie', value: `sessionid=${SECRETS.sessionCookie}; theme=dark` },
      ],
      requestBody: json({ amount: 1500, card: { cardSecurityCode: SECRETS.cardSecurityCode } }),
      responseBody: json(
        kiotapayError(
          'AUTH_INVALID_TOKEN',
          `No such API key ${SECRETS.basicUserKey} for session ${SECRETS.sessionCookie}`,
          `rejected {"key":"${SECRETS.embeddedJsonKey}","amount":1500}`,
        ),
      ),
    }),
    exchange({
      url: 'https://api.kiotapay.co/api/v1/payments',
      status: 500,
      responseHeaders: [{ name: 'content-type', value: 'text/plain' }],
      responseBody: `upstream said: bearer ${SECRETS.textJwt}; card ${SECRETS.mastercard}; Basic ${SECRETS.basicCredentials}`,
    }),
  ];
}

/** The same exchanges as a HAR file, as Chrome exports them. */
export function plantedHar(): string {
  return JSON.stringify({
    log: {
      version: '1.2',
      creator: { name: 'WebInspector', version: '537.36' },
      entries: plantedExchanges().map((ex) => ({
        startedDateTime: ex.startedDateTime,
        request: {
          method: ex.method,
          url: ex.url,
          headers: ex.requestHeaders,
          ...(ex.requestBody ? { postData: { mimeType: 'application/json', text: ex.requestBody } } : {}),
        },
        response: {
          status: ex.status,
          headers: ex.responseHeaders,
          content: { text: ex.responseBody ?? '' },
        },
      })),
    },
  });
}
