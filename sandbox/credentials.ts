/**
 * Credentials planted in the shop's requests, shaped like the real ones so that PayLens's
 * redaction has something to find. None of them opens anything.
 */
import { createHmac } from 'node:crypto';
import type { Credentials } from '../lib/providers';

/** An HS256 token that decodes like a provider's access token. */
function jwt(claims: Record<string, unknown>): string {
  const encode = (part: unknown) => Buffer.from(JSON.stringify(part)).toString('base64url');
  const unsigned = `${encode({ alg: 'HS256', typ: 'JWT' })}.${encode(claims)}`;
  return `${unsigned}.${createHmac('sha256', 'paylens-sandbox').update(unsigned).digest('base64url')}`;
}

const ISSUED = 1_767_225_600; // 2026-01-01T00:00:00Z

export const PLANTED = {
  kiotapayApiKey: 'kp_live_5a1dbe0c7f3e49d2a8c6b17e940f3d21',
  kiotapayApiSecret: 'ks_live_9c4e2f7a1b8d4e6f0a3c5b7d9e1f2a4c6b8d0e2f4a6c8e0b',
  kiotapayToken: jwt({
    iss: 'https://api.kiotapay.co',
    sub: 'merchant_sandbox',
    scope: 'payments:write payments:read',
    iat: ISSUED,
    exp: ISSUED + 300,
  }),
  rebellSignature:
    'algorithm=SHA256withRSA, keyVersion=1, signature=kS3fQ9vB2xN7mR4tW8yZ1cE6hJ0lP5uA%2BgD3iK7oM9qT2wX4zB6nV8rF1sH5jL0pC3eG7aY9dU2%2FiO4kN6mQ8tW%3D%3D',
  payfieldApiKey: 'pf_live_7e2b9c4d1a6f8e3b5c0d2a7f9e1b4c6d8a0f3e5b',
  payfieldSignature: 'c0a8f3e1b7d94a2c6e5f8b1d3a7c9e2f4b6d8a0c2e4f6a8b0d2c4e6f8a0b2c4d',
  cardNumber: '4111111111111111',
  apipayApiKey: 'apk_8f1c3e5a7b9d2f4a6c8e0b1d3f5a7c9e2b4d6f8a',
  alternativeBasic: Buffer.from(
    'ap_client_3c7e1a9f5b2d8e4c6a0f:ap_secret_sandbox_7d2f9b4e1c8a6f3d5b0e2c4a',
  ).toString('base64'),
  alternativeToken: jwt({
    iss: 'https://public-api.alternativepayments.io',
    sub: 'ap_client_3c7e1a9f5b2d8e4c6a0f',
    iat: ISSUED,
    exp: ISSUED + 3600,
  }),
} as const;

/** Every planted value, for tests that check none of them leaves PayLens unmasked. */
export const PLANTED_SECRETS: readonly string[] = Object.values(PLANTED);

/** The planted credentials in the shape each provider's examples take them. */
const PLANTED_BY_PROVIDER: Readonly<Record<string, Credentials>> = {
  kiotapay: {
    apiKey: PLANTED.kiotapayApiKey,
    apiSecret: PLANTED.kiotapayApiSecret,
    token: PLANTED.kiotapayToken,
    cardNumber: PLANTED.cardNumber,
  },
  rebell: { signature: PLANTED.rebellSignature },
  payfield: {
    apiKey: PLANTED.payfieldApiKey,
    signature: PLANTED.payfieldSignature,
    cardNumber: PLANTED.cardNumber,
  },
  apipay: { apiKey: PLANTED.apipayApiKey },
  'alternative-payments': { basic: PLANTED.alternativeBasic, token: PLANTED.alternativeToken },
};

/** What a provider's requests carry here: the planted values, or its examples' own stand-ins. */
export function plantedCredentials(provider: string, exampleCredentials: Credentials): Credentials {
  return PLANTED_BY_PROVIDER[provider] ?? exampleCredentials;
}
