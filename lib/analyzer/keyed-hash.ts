/**
 * Token digests for comparing tokens without keeping them. FNV-1a 64 over a per-analyzer
 * random key followed by the text: the library must run in a browser without Node's
 * crypto, and Web Crypto's HMAC is asynchronous while `observe` is not. This is not a MAC
 * against a determined attacker; it keeps raw tokens out of memory dumps and, the key
 * being random and never shown, makes a digest useless for checking a guessed token.
 */

const FNV_OFFSET = 0xcbf29ce484222325n;
const FNV_PRIME = 0x100000001b3n;
const MASK_64 = 0xffffffffffffffffn;

function absorb(hash: bigint, text: string): bigint {
  let state = hash;
  for (let i = 0; i < text.length; i++) {
    // Both bytes of each UTF-16 unit, so no two texts share a byte sequence.
    const unit = text.charCodeAt(i);
    state = ((state ^ BigInt(unit & 0xff)) * FNV_PRIME) & MASK_64;
    state = ((state ^ BigInt(unit >> 8)) * FNV_PRIME) & MASK_64;
  }
  return state;
}

export type KeyedDigest = (text: string) => bigint;

export function createKeyedDigest(key: string): KeyedDigest {
  const keyed = absorb(FNV_OFFSET, key);
  return (text) => absorb(keyed, text);
}

/** 128 random bits as hex, from Web Crypto, which browsers and Node both provide. */
export function randomKey(): string {
  const bytes = globalThis.crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
}

/**
 * A keyed 53-bit digest as a number, for what is digested on every provider request. Two or
 * three parts digest as their join with NUL between them, without building that string.
 */
export interface QuickDigest {
  (only: string): number;
  (first: string, second: string): number;
  (first: string, second: string, third: string): number;
}

const LANE_A = 2654435761;
const LANE_B = 1597334677;

/**
 * Two 32-bit multiply-xor lanes with a final avalanche (cyrb53's construction), seeded by
 * the key: the BigInt digest costs about 15 µs for an API key, far too much for requests
 * bodies and keys digested on every provider request. Same purpose, same key discipline.
 * The parts are parameters, not a rest array allocated on every call.
 */
export function createQuickDigest(key: string): QuickDigest {
  let seedA = 0xdeadbeef;
  let seedB = 0x41c6ce57;
  for (let i = 0; i < key.length; i++) {
    const unit = key.charCodeAt(i);
    seedA = Math.imul(seedA ^ unit, LANE_A);
    seedB = Math.imul(seedB ^ unit, LANE_B);
  }
  return (first: string, second?: string, third?: string) => {
    let a = seedA;
    let b = seedB;
    for (let part = 0; part < 3; part++) {
      const text = part === 0 ? first : part === 1 ? second : third;
      if (text === undefined) break;
      if (part > 0) {
        // The NUL between parts: ("ab", "c") and ("a", "bc") differ.
        a = Math.imul(a, LANE_A);
        b = Math.imul(b, LANE_B);
      }
      for (let i = 0; i < text.length; i++) {
        const unit = text.charCodeAt(i);
        a = Math.imul(a ^ unit, LANE_A);
        b = Math.imul(b ^ unit, LANE_B);
      }
    }
    a = Math.imul(a ^ (a >>> 16), 2246822507) ^ Math.imul(b ^ (b >>> 13), 3266489909);
    b = Math.imul(b ^ (b >>> 16), 2246822507) ^ Math.imul(a ^ (a >>> 13), 3266489909);
    return 4294967296 * (0x1fffff & b) + (a >>> 0);
  };
}
