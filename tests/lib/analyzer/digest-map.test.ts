import { describe, expect, it } from 'vitest';
import { DigestMap } from '../../../lib/analyzer/digest-map';

/** What DigestMap stands for: a Map that forgets its least recently set key past `capacity`. */
function referenceMap(capacity: number) {
  const map = new Map<number, number>();
  return {
    map,
    set(key: number, value: number) {
      map.delete(key);
      map.set(key, value);
      for (const oldest of map.keys()) {
        if (map.size <= capacity) break;
        map.delete(oldest);
      }
    },
  };
}

describe('DigestMap', () => {
  it('forgets the key set least recently, a key set again being new', () => {
    const kept = new DigestMap<string>(2);
    kept.set(1, 'a');
    kept.set(2, 'b');
    kept.set(1, 'c');
    kept.set(3, 'd');
    expect([kept.get(1), kept.get(2), kept.get(3)]).toEqual(['c', undefined, 'd']);
    expect(kept.size).toBe(2);
  });

  it('tells apart digests whose low bits are the same', () => {
    const kept = new DigestMap<number>(4);
    const high = 2 ** 32;
    kept.set(5, 1);
    kept.set(high + 5, 2);
    kept.set(2 * high + 5, 3);
    expect([kept.get(5), kept.get(high + 5), kept.get(2 * high + 5), kept.has(3 * high + 5)]).toEqual([
      1,
      2,
      3,
      false,
    ]);
  });

  it('answers as the Map it replaces over any sequence of settings', () => {
    let seed = 1;
    const random = (below: number) => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      return seed % below;
    };
    for (const capacity of [1, 3, 16, 64]) {
      const kept = new DigestMap<number>(capacity);
      const reference = referenceMap(capacity);
      // Few distinct low bits, so that keys collide and forgotten ones leave gaps in runs.
      const keys = Array.from({ length: capacity * 3 }, (_, i) => random(8) + (i % 5) * 2 ** 40);
      for (let step = 0; step < 5000; step++) {
        const key = keys[random(keys.length)] as number;
        kept.set(key, step);
        reference.set(key, step);
        const probe = keys[random(keys.length)] as number;
        expect(kept.get(probe)).toBe(reference.map.get(probe));
      }
      expect(kept.size).toBe(reference.map.size);
      for (const key of keys) expect(kept.get(key)).toBe(reference.map.get(key));
    }
  });
});
