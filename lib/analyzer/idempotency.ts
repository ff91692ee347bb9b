/** Idempotency keys: a key resent with other parameters is refused, or silently answered with the first operation. */
import type { JsonObject } from '../json';
import type { IdempotencyKeys, Provider } from '../providers/provider';
import type { Category } from '../types';
import { pathOf } from '../url';
import { DigestMap } from './digest-map';
import type { QuickDigest } from './keyed-hash';
import { requestJson } from './request';
import { selects } from './select';
import type { SessionWarning, TrafficFollower } from './types';

/** Keys remembered per provider, with the first request that sent each. */
const IDEMPOTENCY_KEYS_KEPT_PER_PROVIDER = 64;
/** Field paths compared per request; a body with more is compared on its first ones. */
const MAX_FIELD_PATHS = 256;
const MAX_DEPTH = 8;
/** Differing paths named in a figure and a sentence. */
const MAX_DIFFERING_SHOWN = 10;

const REFUSED_UNPROCESSED: ReadonlySet<Category> = new Set(['auth', 'validation', 'rate-limit']);

interface FirstRequest {
  index: number;
  /** Field path → digest of its JSON value: the body's shape, no value kept. */
  fields: Map<string, number>;
}

/** The key field and its value, when the body carries one. */
function keyOf(body: JsonObject, keys: IdempotencyKeys): { field: string; value: string } | undefined {
  // Own keys only, in order: an inherited property is not the body's.
  const fields = Object.keys(body);
  for (let i = 0; i < fields.length; i++) {
    const field = fields[i] as string;
    if (!keys.keyField.test(field)) continue;
    const value = body[field];
    if (typeof value === 'string' && value !== '') return { field, value };
    if (typeof value === 'number' && Number.isFinite(value)) return { field, value: String(value) };
  }
  return undefined;
}

/**
 * A leaf's digest, its kind first so that "1" and 1 differ: two leaves digest alike exactly
 * when their JSON does (a number too large for a double is `null` there, as it is here),
 * without writing that JSON. A hostile nesting too deep to write is one value.
 */
function leafDigest(value: unknown, digest: QuickDigest): number {
  if (typeof value === 'string') return digest('s', value);
  if (typeof value === 'number') return digest(Number.isFinite(value) ? String(value) : 'null');
  if (typeof value === 'boolean' || value === null) return digest(String(value));
  try {
    return digest('j', JSON.stringify(value) ?? 'undefined');
  } catch {
    return digest('j', '\u0000too deep');
  }
}

function addFieldDigests(
  value: unknown,
  path: string,
  depth: number,
  digest: QuickDigest,
  fields: Map<string, number>,
): void {
  if (fields.size >= MAX_FIELD_PATHS) return;
  if (depth >= MAX_DEPTH || typeof value !== 'object' || value === null) {
    fields.set(path, leafDigest(value, digest));
    return;
  }
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++)
      addFieldDigests(value[i], `${path}[${i}]`, depth + 1, digest, fields);
    return;
  }
  const names = Object.keys(value);
  for (let i = 0; i < names.length; i++) {
    const name = names[i] as string;
    addFieldDigests(
      (value as JsonObject)[name],
      path === '' ? name : `${path}.${name}`,
      depth + 1,
      digest,
      fields,
    );
  }
}

function fieldDigests(body: JsonObject, digest: QuickDigest): Map<string, number> {
  const fields = new Map<string, number>();
  addFieldDigests(body, '', 0, digest, fields);
  return fields;
}

/** The paths whose values differ, or that one body has and the other lacks. */
function differingPaths(first: Map<string, number>, again: Map<string, number>): string[] {
  const differing = [...again].filter(([path, value]) => first.get(path) !== value).map(([path]) => path);
  for (const path of first.keys()) if (!again.has(path)) differing.push(path);
  return differing;
}

function listed(paths: readonly string[]): string {
  const more = paths.length - MAX_DIFFERING_SHOWN;
  const shown = paths.slice(0, MAX_DIFFERING_SHOWN).join(', ');
  return more > 0 ? `${shown} and ${more} more` : shown;
}

/** Every exchange of a provider with idempotency keys; an insight for a conflict diagnosis. */
export function followIdempotencyKeys(
  provider: Provider,
  keys: IdempotencyKeys,
  digest: QuickDigest,
  raise: (warning: SessionWarning) => void,
): TrafficFollower {
  const firsts = new DigestMap<FirstRequest>(IDEMPOTENCY_KEYS_KEPT_PER_PROVIDER);

  return {
    follow(exchange, index, diagnosis) {
      if (typeof exchange.requestBody !== 'string') return undefined;
      // A status query names the operation it asks about: neither a first use nor a reuse.
      if (keys.queries?.test(pathOf(exchange.url))) return undefined;
      const body = requestJson(exchange);
      const key = body && keyOf(body, keys);
      if (body === undefined || key === undefined) return undefined;
      // The field's name is part of the key: a refundRequestId is not a paymentRequestId.
      const keyDigest = digest(key.field, key.value);
      const fields = fieldDigests(body, digest);
      const first = firsts.get(keyDigest);
      if (first === undefined) {
        // A request refused before it was processed created nothing under its key.
        if (diagnosis !== null && REFUSED_UNPROCESSED.has(diagnosis.category)) return undefined;
        firsts.set(keyDigest, { index, fields });
        return undefined;
      }
      const differing = differingPaths(first.fields, fields);
      if (differing.length === 0) return undefined;
      const figures = { key: key.field, differing: differing.slice(0, MAX_DIFFERING_SHOWN) };

      if (diagnosis !== null) {
        if (!keys.conflicts || !selects(keys.conflicts, diagnosis)) return undefined;
        return {
          kind: 'idempotency',
          text: `This ${key.field} was first sent with other values in ${listed(differing)} (values not shown): resend the first request's parameters unchanged, or use a new ${key.field}.`,
          related: [first.index],
          figures,
        };
      }
      const replays = keys.replays;
      if (
        replays &&
        exchange.status === replays.status &&
        exchange.method.toUpperCase() === replays.method &&
        replays.path.test(pathOf(exchange.url))
      ) {
        raise({
          kind: 'idempotency',
          provider: provider.id,
          text: `A create reused an earlier ${key.field} with other values in ${listed(differing)} (values not shown): ${provider.name} answered ${replays.status} with the first operation, so the new values were ignored.`,
          related: [first.index, index],
          figures,
        });
      }
      return undefined;
    },
  };
}
