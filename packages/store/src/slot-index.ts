// A hash index from byte strings to dense slot numbers, for containers that keep their keys in a
// dense array (the keyspace, DenseSet). Why not a Map<string, number>: at 100k+ keys a lookup is
// memory-latency bound, and V8's OrderedHashMap chains (~1.5 entries per bucket) load every
// candidate key string on the way. Here a probe compares 32-bit hashes stored inline, so a hit
// costs one table line plus the one key string it is confirmed against.
// Layout: an Int32Array of (hash, slot + 1) pairs, linear probing, load at most 1/2,
// backward-shift deletion (no tombstones). The keys stay in the owner's array: slot s's key is
// keys[s * stride], and the owner must keep that array (same object) in sync.

const MIN_CAPACITY = 8;
/** Per-process seed, so colliding key sets cannot be precomputed. */
const SEED = (Math.random() * 0x100000000) | 0;

/** MurmurHash3 (x86, 32-bit) of the string's char codes taken as bytes, seeded per process. */
export function hashString(s: string): number {
  const n = s.length;
  let h = SEED;
  let i = 0;
  for (; i + 4 <= n; i += 4) {
    let k = s.charCodeAt(i) | (s.charCodeAt(i + 1) << 8) | (s.charCodeAt(i + 2) << 16) | (s.charCodeAt(i + 3) << 24);
    k = Math.imul(k, 0xcc9e2d51);
    k = Math.imul((k << 15) | (k >>> 17), 0x1b873593);
    h ^= k;
    h = (h << 13) | (h >>> 19);
    h = (Math.imul(h, 5) + 0xe6546b64) | 0;
  }
  if (i < n) {
    let k = s.charCodeAt(i);
    if (i + 1 < n) k |= s.charCodeAt(i + 1) << 8;
    if (i + 2 < n) k |= s.charCodeAt(i + 2) << 16;
    k = Math.imul(k, 0xcc9e2d51);
    h ^= Math.imul((k << 15) | (k >>> 17), 0x1b873593);
  }
  h ^= n;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return h ^ (h >>> 16);
}

const EMPTY_HASH = hashString('');

export class SlotIndex {
  /** (hash, slot + 1) pairs; slot + 1 === 0 marks an empty cell. */
  private table = new Int32Array(MIN_CAPACITY * 2);
  private mask = MIN_CAPACITY - 1;
  private used = 0;
  // One-entry hash memo: a lookup is often followed by an insert of the same key. Reset after
  // add/remove so it does not keep a removed (possibly large) key alive.
  private lastKey = '';
  private lastHash = EMPTY_HASH;

  constructor(
    private readonly keys: ReadonlyArray<unknown>,
    private readonly stride: number,
  ) {}

  get size(): number {
    return this.used;
  }

  /** Slot of `key`, or -1. */
  find(key: string): number {
    const h = hashString(key);
    this.lastKey = key;
    this.lastHash = h;
    const i = this.cellOf(key, h);
    return i < 0 ? -1 : this.table[i * 2 + 1] - 1;
  }

  /** Indexes `key` (which must be absent) at `slot`. */
  add(key: string, slot: number): void {
    if ((this.used + 1) * 2 > this.mask + 1) this.resize((this.mask + 1) * 2);
    this.place(this.hashOf(key), slot + 1);
    this.used++;
    this.forget();
  }

  /** Sizes the table for `n` more keys at once (bulk loading), instead of doubling ~log(n) times. */
  reserve(n: number): void {
    let capacity = this.mask + 1;
    while ((this.used + n) * 2 > capacity) capacity *= 2;
    if (capacity > this.mask + 1) this.resize(capacity);
  }

  /** Points the present `key` at a new slot (after the owner moved it). */
  move(key: string, slot: number): void {
    this.table[this.cellOf(key, this.hashOf(key)) * 2 + 1] = slot + 1;
  }

  /** Removes `key` (no-op when absent). */
  remove(key: string): void {
    const t = this.table;
    const mask = this.mask;
    let hole = this.cellOf(key, this.hashOf(key));
    if (hole < 0) return;
    t[hole * 2 + 1] = 0;
    // Backward shift: pull later entries of the run into the hole when their home allows it.
    for (let j = (hole + 1) & mask; t[j * 2 + 1] !== 0; j = (j + 1) & mask) {
      const home = t[j * 2] & mask;
      if (((j - home) & mask) >= ((j - hole) & mask)) {
        t[hole * 2] = t[j * 2];
        t[hole * 2 + 1] = t[j * 2 + 1];
        t[j * 2 + 1] = 0;
        hole = j;
      }
    }
    this.used--;
    this.forget();
    if (this.mask + 1 > MIN_CAPACITY && this.used * 8 < this.mask + 1) this.resize((this.mask + 1) / 2);
  }

  clear(): void {
    this.table = new Int32Array(MIN_CAPACITY * 2);
    this.mask = MIN_CAPACITY - 1;
    this.used = 0;
  }

  private hashOf(key: string): number {
    if (key === this.lastKey) return this.lastHash;
    const h = hashString(key);
    this.lastKey = key;
    this.lastHash = h;
    return h;
  }

  private forget(): void {
    this.lastKey = '';
    this.lastHash = EMPTY_HASH;
  }

  /** Cell holding `key`, or -1. */
  private cellOf(key: string, h: number): number {
    const t = this.table;
    const mask = this.mask;
    const keys = this.keys;
    const stride = this.stride;
    for (let i = h & mask; ; i = (i + 1) & mask) {
      const s = t[i * 2 + 1];
      if (s === 0) return -1;
      if (t[i * 2] === h && keys[(s - 1) * stride] === key) return i;
    }
  }

  private place(h: number, slotPlusOne: number): void {
    const t = this.table;
    const mask = this.mask;
    let i = h & mask;
    while (t[i * 2 + 1] !== 0) i = (i + 1) & mask;
    t[i * 2] = h;
    t[i * 2 + 1] = slotPlusOne;
  }

  private resize(capacity: number): void {
    const old = this.table;
    this.table = new Int32Array(capacity * 2);
    this.mask = capacity - 1;
    for (let i = 0; i < old.length; i += 2) if (old[i + 1] !== 0) this.place(old[i], old[i + 1]);
  }
}
