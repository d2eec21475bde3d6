// The key index of one database: dense parallel arrays (key, value, access stamp, size estimate)
// plus a Map from key to its slot. Invariant: slots 0..size-1 are all live; a removal moves the
// last slot into the hole (swap-remove), which gives O(1) random sampling and a stateless SCAN
// cursor that walks slots from the top down (an unvisited slot never moves into the visited range).
import type { StoreValue } from './value';

const INITIAL_CAPACITY = 16;

export class Keyspace {
  private readonly slotOf = new Map<string, number>();
  /** Key of each slot. */
  keys: string[] = [];
  /** Value of each slot: a latin1 string for strings, a type object otherwise. */
  values: StoreValue[] = [];
  /** LRU clock or LFU stamp (low 24 bits) and flags (high 8 bits) per slot, like Redis's robj.lru. */
  access = new Uint32Array(INITIAL_CAPACITY);
  /** Memory estimate per slot, so a change can be accounted as a delta. */
  sizes = new Uint32Array(INITIAL_CAPACITY);

  get size(): number {
    return this.keys.length;
  }

  /** Slot of `key`, or -1. */
  find(key: string): number {
    const slot = this.slotOf.get(key);
    return slot === undefined ? -1 : slot;
  }

  /** Appends a new key (caller checked it is absent) and returns its slot. */
  insert(key: string, value: StoreValue, access: number, size: number): number {
    const slot = this.keys.length;
    if (slot === this.access.length) this.grow();
    this.keys.push(key);
    this.values.push(value);
    this.access[slot] = access;
    this.sizes[slot] = size;
    this.slotOf.set(key, slot);
    return slot;
  }

  /** Removes the key in `slot`, moving the last slot into it. */
  removeAt(slot: number): void {
    const last = this.keys.length - 1;
    this.slotOf.delete(this.keys[slot]);
    if (slot !== last) {
      const moved = this.keys[last];
      this.keys[slot] = moved;
      this.values[slot] = this.values[last];
      this.access[slot] = this.access[last];
      this.sizes[slot] = this.sizes[last];
      this.slotOf.set(moved, slot);
    }
    this.keys.pop();
    this.values.pop();
    if (this.access.length > 1024 && last < this.access.length >>> 2) this.shrink();
  }

  clear(): void {
    this.slotOf.clear();
    this.keys = [];
    this.values = [];
    this.access = new Uint32Array(INITIAL_CAPACITY);
    this.sizes = new Uint32Array(INITIAL_CAPACITY);
  }

  private grow(): void {
    this.resize(this.access.length * 2);
  }

  private shrink(): void {
    this.resize(this.access.length >>> 1);
  }

  private resize(capacity: number): void {
    const access = new Uint32Array(capacity);
    const sizes = new Uint32Array(capacity);
    const n = Math.min(this.keys.length, capacity);
    access.set(this.access.subarray(0, n));
    sizes.set(this.sizes.subarray(0, n));
    this.access = access;
    this.sizes = sizes;
  }
}
