// The expiry index of one database: the keys that have a TTL, in a dense array (O(1) random
// sampling for the active cycle) with their absolute expire times in ms, plus a Map key -> slot.
// Like Redis's `expires` dict it only costs memory for keys that have a TTL.

export class ExpireIndex {
  private readonly slotOf = new Map<string, number>();
  keys: string[] = [];
  whens = new Float64Array(8);

  get size(): number {
    return this.keys.length;
  }

  /** Absolute expire time of `key` in ms, or -1 when it has none. */
  get(key: string): number {
    // Most databases have no volatile keys: skip hashing the key then.
    if (this.keys.length === 0) return -1;
    const slot = this.slotOf.get(key);
    return slot === undefined ? -1 : this.whens[slot];
  }

  set(key: string, when: number): void {
    const slot = this.slotOf.get(key);
    if (slot !== undefined) {
      this.whens[slot] = when;
      return;
    }
    const n = this.keys.length;
    if (n === this.whens.length) {
      const grown = new Float64Array(n * 2);
      grown.set(this.whens);
      this.whens = grown;
    }
    this.keys.push(key);
    this.whens[n] = when;
    this.slotOf.set(key, n);
  }

  /** Removes `key`'s TTL; returns whether it had one. */
  delete(key: string): boolean {
    if (this.keys.length === 0) return false;
    const slot = this.slotOf.get(key);
    if (slot === undefined) return false;
    const last = this.keys.length - 1;
    this.slotOf.delete(key);
    if (slot !== last) {
      const moved = this.keys[last];
      this.keys[slot] = moved;
      this.whens[slot] = this.whens[last];
      this.slotOf.set(moved, slot);
    }
    this.keys.pop();
    return true;
  }

  clear(): void {
    this.slotOf.clear();
    this.keys = [];
    this.whens = new Float64Array(8);
  }
}
