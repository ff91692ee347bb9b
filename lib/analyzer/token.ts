/** Token insights: how the Authorization header is built, and how old its token is. */

import { readBody } from '../body';
import { startedMs } from '../har-time';
import { get, seconds, str } from '../json';
import type { BearerTokens, Provider, TokenIssuer } from '../providers/provider';
import { jwtClaims, REDACTED } from '../redact';
import type { Diagnosis, Exchange } from '../types';
import { pathOf } from '../url';
import type { KeyedDigest } from './keyed-hash';
import { headerValue, serverDateMs, wholeSeconds } from './read';
import { selects } from './select';
import type { Insight } from './types';

/** Issued tokens remembered per provider: a session refreshes often, but a few suffice. */
export const TOKENS_KEPT_PER_PROVIDER = 16;
/** Token replies are small; a larger body is not parsed. */
const MAX_ISSUER_BODY_CHARS = 64 * 1024;

type Scheme = 'Basic' | 'Bearer';

interface IssuedToken {
  digest: bigint;
  entryIndex: number;
  /** When the issuing request started, by the capturing machine's clock like every start. */
  issuedAtMs: number | undefined;
  lifetimeSeconds: number;
}

type MalformedForm = 'undefined' | 'null' | 'object' | 'empty' | 'doubled-scheme' | 'quotes' | 'whitespace';

type Credentials = { kind: 'missing' } | { kind: 'sent'; scheme: Scheme | 'other' | 'none'; value: string };

export function isIssuerRequest(issuer: TokenIssuer, exchange: Exchange): boolean {
  return exchange.method.toUpperCase() === issuer.method && issuer.path.test(pathOf(exchange.url));
}

function readCredentials(exchange: Exchange): Credentials {
  const header = headerValue(exchange.requestHeaders, 'authorization');
  if (header === undefined) return { kind: 'missing' };
  // 1*SP between scheme and credentials; a line break or tab after that stays in the value.
  const trimmed = header.replace(/^ +/, '');
  const space = trimmed.indexOf(' ');
  const word = (space < 0 ? trimmed : trimmed.slice(0, space)).toLowerCase();
  const value = space < 0 ? '' : trimmed.slice(space + 1).replace(/^ +/, '');
  if (word === 'bearer') return { kind: 'sent', scheme: 'Bearer', value };
  if (word === 'basic') return { kind: 'sent', scheme: 'Basic', value };
  // A lone word is a token sent without its scheme; the word itself is never shown.
  return { kind: 'sent', scheme: space < 0 ? 'none' : 'other', value };
}

/** `[REDACTED]`, `[JWT, expires …]`: what PayLens's redaction leaves of a credential. */
function isRedactedCredential(value: string): boolean {
  return value === REDACTED || /^\[JWT(?:, [^\]]*)?\]$/.test(value);
}

function malformedForm(scheme: Scheme, value: string): MalformedForm | undefined {
  if (value === '') return 'empty';
  if (value === 'undefined') return 'undefined';
  if (value === 'null') return 'null';
  if (value === '[object Object]') return 'object';
  if (value.toLowerCase().startsWith(`${scheme.toLowerCase()} `)) return 'doubled-scheme';
  if (/["']/.test(value)) return 'quotes';
  if (/\s/.test(value)) return 'whitespace';
  return undefined;
}

const MALFORMED_TEXT: Record<MalformedForm, (scheme: Scheme) => string> = {
  undefined: (scheme) =>
    `The ${scheme} credentials are the text "undefined": the code that built the header had no token yet.`,
  null: (scheme) =>
    `The ${scheme} credentials are the text "null": the code that built the header had no token yet.`,
  object: (scheme) =>
    `The ${scheme} credentials are the text "[object Object]": an object went into the header instead of its token string.`,
  empty: (scheme) => `The Authorization header names the ${scheme} scheme but carries nothing after it.`,
  'doubled-scheme': (scheme) =>
    `The Authorization header repeats the scheme word (${scheme} ${scheme} …): the stored token already included it.`,
  quotes: (scheme) => `The ${scheme} credentials contain quotes, which are no part of a token.`,
  whitespace: (scheme) =>
    `The ${scheme} credentials contain whitespace (a space or line break), which no token has.`,
};

const EXPECTED_TEXT: Record<Scheme, string> = {
  Bearer: 'Authorization: Bearer <access token>',
  Basic: 'Basic credentials (base64 of client_id:client_secret)',
};

const SENT_TEXT: Record<Scheme | 'other' | 'none', string> = {
  Bearer: 'a Bearer token',
  Basic: 'Basic credentials',
  other: 'an Authorization scheme other than Basic or Bearer',
  none: 'a bare value without a scheme word',
};

/** The expiry and issue times a JWT carries, when the token is one with an `exp`. */
function jwtTimes(token: string): { exp: number; iat: number | null } | undefined {
  const claims = jwtClaims(token);
  const exp = claims?.exp;
  const iat = claims?.iat;
  if (typeof exp !== 'number' || !Number.isFinite(exp)) return undefined;
  return { exp, iat: typeof iat === 'number' && Number.isFinite(iat) ? iat : null };
}

function fieldAt(value: unknown, path: readonly string[]): unknown {
  return path.reduce<unknown>((node, key) => get(node, key), value);
}

export interface TokenTracker {
  /** Remembers the token a successful reply of the provider's issuer hands out. */
  recordIssued(provider: Provider, issuer: TokenIssuer, exchange: Exchange, index: number): void;
  insight(
    provider: Provider,
    tokens: BearerTokens,
    exchange: Exchange,
    diagnosis: Diagnosis,
  ): Insight | undefined;
}

export function createTokenTracker(digest: KeyedDigest): TokenTracker {
  const issuedByProvider = new Map<string, IssuedToken[]>();

  function ageInsight(
    provider: Provider,
    tokens: BearerTokens,
    exchange: Exchange,
    token: string,
  ): Insight | undefined {
    const issuedHere = issuedByProvider.get(provider.id);
    const tokenDigest = issuedHere === undefined ? undefined : digest(token);
    const issued = issuedHere?.findLast((candidate) => candidate.digest === tokenDigest);
    const startMs = startedMs(exchange.startedDateTime);
    // Both starts are the capturing machine's clock, so its skew cancels out.
    // Entries out of start order would give a negative age: no age is claimed then.
    if (issued && issued.issuedAtMs !== undefined && startMs !== undefined && startMs >= issued.issuedAtMs) {
      const { lifetimeSeconds } = issued;
      // The figures are the contract's, no more: where the age comes from is in the text.
      const base = { lifetimeSeconds };
      const ageSeconds = wholeSeconds(startMs - issued.issuedAtMs);
      const issuedText = `The bearer token was issued by ${provider.name}'s token endpoint in this capture ${ageSeconds} s before this request and lives ${lifetimeSeconds} s`;
      if (ageSeconds >= lifetimeSeconds) {
        const expiredAgoSeconds = ageSeconds - lifetimeSeconds;
        return {
          kind: 'token',
          text: `${issuedText}: it had expired ${expiredAgoSeconds} s earlier.`,
          related: [issued.entryIndex],
          figures: { problem: 'expired', ageSeconds, expiredAgoSeconds, ...base },
        };
      }
      return {
        kind: 'token',
        text: `${issuedText}: it had not expired, so its age is not the cause.`,
        related: [issued.entryIndex],
        figures: { problem: 'fresh', ageSeconds, ...base },
      };
    }

    const claims = jwtTimes(token);
    // The server's Date is the issuer's clock, as exp is; the start is the fallback.
    const nowMs = serverDateMs(exchange.responseHeaders) ?? startMs;
    if (claims && nowMs !== undefined) {
      const now = nowMs / 1000;
      const lived: Record<string, number> = {};
      let livedText = '';
      // An iat after now says the issuer's clock is ahead, not how old the token is.
      if (claims.iat !== null && claims.iat <= now) {
        lived.ageSeconds = Math.round(now - claims.iat);
        lived.lifetimeSeconds = Math.round(claims.exp - claims.iat);
        livedText = ` (issued ${lived.ageSeconds} s before it, lifetime ${lived.lifetimeSeconds} s)`;
      }
      if (claims.exp <= now) {
        const expiredAgoSeconds = Math.round(now - claims.exp);
        return {
          kind: 'token',
          text: `The bearer token is a JWT whose exp passed ${expiredAgoSeconds} s before this request${livedText}.`,
          related: [],
          figures: { problem: 'expired', expiredAgoSeconds, ...lived },
        };
      }
      return {
        kind: 'token',
        text: `The bearer token is a JWT whose exp had not passed at this request${livedText}, so its age is not the cause.`,
        related: [],
        figures: { problem: 'fresh', ...lived },
      };
    }

    // Issued here at a time the capture does not record: no age to state, and no less.
    if (issued) return undefined;
    const documented = tokens.issuer?.lifetimeSeconds;
    return {
      kind: 'token',
      text:
        documented === undefined
          ? 'The bearer token was not issued in this capture and is not a JWT, so its age is unknown.'
          : `The bearer token was not issued in this capture and is not a JWT, so its age is unknown; ${provider.name}'s tokens live ${documented} s.`,
      related: [],
      figures: {
        problem: 'not-issued-here',
        ...(documented === undefined ? {} : { lifetimeSeconds: documented }),
      },
    };
  }

  return {
    recordIssued(provider, issuer, exchange, index) {
      const body = exchange.responseBody;
      if (typeof body !== 'string' || body.length > MAX_ISSUER_BODY_CHARS) return;
      const { json } = readBody(body, exchange.responseEncoding);
      const token = str(fieldAt(json, issuer.tokenField));
      if (token === null) return;
      const issued = issuedByProvider.get(provider.id) ?? [];
      issued.push({
        digest: digest(token),
        entryIndex: index,
        issuedAtMs: startedMs(exchange.startedDateTime),
        lifetimeSeconds: seconds(fieldAt(json, issuer.lifetimeField)) ?? issuer.lifetimeSeconds,
      });
      if (issued.length > TOKENS_KEPT_PER_PROVIDER) issued.shift();
      issuedByProvider.set(provider.id, issued);
    },

    insight(provider, tokens, exchange, diagnosis) {
      const concernsToken = tokens.errors ? selects(tokens.errors, diagnosis) : diagnosis.category === 'auth';
      if (!concernsToken) return undefined;
      const issuer = tokens.issuer;
      // The issuer's own failure is about the client's credentials, never a token's age.
      const expected = issuer && isIssuerRequest(issuer, exchange) ? issuer.scheme : 'Bearer';
      if (expected === null) return undefined;

      const credentials = readCredentials(exchange);
      if (credentials.kind === 'missing') {
        return {
          kind: 'token',
          text: `The request has no Authorization header; ${provider.name} expects ${EXPECTED_TEXT[expected]} here.`,
          related: [],
          figures: { problem: 'missing' },
        };
      }
      if (credentials.scheme !== expected) {
        return {
          kind: 'token',
          text: `The request sends ${SENT_TEXT[credentials.scheme]} where ${provider.name} expects ${EXPECTED_TEXT[expected]}.`,
          related: [],
          figures: { problem: 'wrong-scheme' },
        };
      }
      // A capture PayLens redacted (a HAR the Node hook recorded) keeps no token to judge.
      if (isRedactedCredential(credentials.value)) return undefined;
      const form = malformedForm(expected, credentials.value);
      if (form) {
        return {
          kind: 'token',
          text: MALFORMED_TEXT[form](expected),
          related: [],
          figures: { problem: 'malformed' },
        };
      }
      return expected === 'Bearer' ? ageInsight(provider, tokens, exchange, credentials.value) : undefined;
    },
  };
}
