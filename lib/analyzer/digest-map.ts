/**
 * The bounded memories of the kinds: quick digests (integers from 0 to 2^53) to values,
 * keeping the `capacity` keys set last. Setting a key again makes it the newest; a new key
 * past the capacity forgets the oldest. A Map did this, but its keys are boxed numbers
 * scattered over the heap, read on every provider request, and forgetting its oldest key
 * walks past every key forgotten before: here keys sit in one typed array.
 */

/** A slot holds its node's index + 1, so that a fresh array is all empty. */
const EMPTY = 0;
const NONE = -1;

export class DigestMap<V> {
  /** Open addressing with linear probing, at most half full. */
  private readonly slots: Int32Array;
  private readonly mask: number;
  /** Per node: its key, its value, and its neighbours in the order they were set. */
  private readonly keys: Float64Array;
  private readonly values: Array<V | undefined>;
  private readonly newer: Int32Array;
  private readonly older: Int32Array;
  private oldest = NONE;
  private newest = NONE;
  private count = 0;

  constructor(private readonly capacity: number) {
    let slotCount = 2;
    while (slotCount < capacity * 2) slotCount *= 2;
    this.slots = new Int32Array(slotCount);
    this.mask = slotCount - 1;
    this.keys = new Float64Array(capacity);
    this.values = new Array<V | undefined>(capacity).fill(undefined);
    this.newer = new Int32Array(capacity);
    this.older = new Int32Array(capacity);
  }

  get size(): number {
    return this.count;
  }

  get(key: number): V | undefined {
    const slot = this.slotOf(key);
    return slot < 0 ? undefined : this.values[(this.slots[slot] as number) - 1];
  }

  has(key: number): boolean {
    return this.slotOf(key) >= 0;
  }

  set(key: number, value: V): void {
    const slot = this.slotOf(key);
    if (slot >= 0) {
      const node = (this.slots[slot] as number) - 1;
      this.values[node] = value;
      this.unlink(node);
      this.linkNewest(node);
      return;
    }
    let node: number;
    if (this.count < this.capacity) {
      node = this.count++;
    } else {
      node = this.oldest;
      this.unlink(node);
      this.empty(this.slotOf(this.keys[node] as number));
    }
    this.keys[node] = key;
    this.values[node] = value;
    this.linkNewest(node);
    // Looked for again: forgetting the oldest may have moved the empty slot found first.
    this.slots[~this.slotOf(key)] = node + 1;
  }

  /** The slot holding `key`, or the complement (negative) of the empty slot where it would go. */
  private slotOf(key: number): number {
    // The low 32 bits of a quick digest are as mixed as the rest.
    for (let slot = key & this.mask; ; slot = (slot + 1) & this.mask) {
      const held = this.slots[slot] as number;
      if (held === EMPTY) return ~slot;
      if (this.keys[held - 1] === key) return slot;
    }
  }

  /** Empties a slot, moving later keys of its run back so that every key stays reachable from its home. */
  private empty(slot: number): void {
    const { slots, keys, mask } = this;
    let hole = slot;
    slots[hole] = EMPTY;
    for (let next = (hole + 1) & mask; slots[next] !== EMPTY; next = (next + 1) & mask) {
      const home = (keys[(slots[next] as number) - 1] as number) & mask;
      // It may move back when the hole lies between its home and where it is.
      if (((next - home) & mask) >= ((next - hole) & mask)) {
        slots[hole] = slots[next] as number;
        slots[next] = EMPTY;
        hole = next;
      }
    }
  }

  private unlink(node: number): void {
    const newer = this.newer[node] as number;
    const older = this.older[node] as number;
    if (older === NONE) this.oldest = newer;
    else this.newer[older] = newer;
    if (newer === NONE) this.newest = older;
    else this.older[newer] = older;
  }

  private linkNewest(node: number): void {
    this.older[node] = this.newest;
    this.newer[node] = NONE;
    if (this.newest === NONE) this.oldest = node;
    else this.newer[this.newest] = node;
    this.newest = node;
  }
}
