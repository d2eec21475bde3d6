// Lua tables: an array part (keys 1..n), string keys as properties of a prototype-less object
// (V8 hidden classes make constant-key field access at a compiled site an inline-cached load),
// and a Map for every other key. Invariant: the Map never holds an integer key in
// 1..arr.length+1 and arr has no trailing nil, so `arr.length` is a border.
import { pucOrder } from './puc-order';
import type { LuaValue } from './value';

/** Thrown by rawset for a nil/NaN key; callers turn it into a positioned Lua error. */
export class TableKeyError extends Error {}

/** Holder of string-keyed fields: fast-mode objects with nothing inherited. */
export type Slots = Record<string, LuaValue>;
const Slots = function Slots(this: Slots) {} as unknown as { new (): Slots; prototype: object };
Slots.prototype = Object.freeze(Object.create(null));

/** The array part of tables that have none yet (shared, so hash-only tables allocate less). */
const NO_ITEMS = Object.freeze([]) as unknown as LuaValue[];

export class LuaTable {
  /** arr[i] holds t[i + 1]; may contain holes (undefined) but never a trailing one. */
  arr: LuaValue[] = NO_ITEMS;
  /** String keys. */
  s: Slots = new Slots();
  /** Keys that are neither strings nor array indices. */
  hash: Map<LuaValue, LuaValue> | null = null;
  mt: LuaTable | null = null;
  /** Writes raise `Attempt to modify a readonly table` (embedders' read-only globals). */
  readonly = false;

  /** Positive integer keys currently in the hash part. */
  private hashInts = 0;
  /** next() traversal cache: string keys snapshot and position, Map iterator and last key. */
  private sKeys: string[] | null = null;
  private sPos = 0;
  private iter: Iterator<[LuaValue, LuaValue]> | null = null;
  private iterKey: LuaValue = undefined;
  /** The value of the key next() returned last. */
  nextValue: LuaValue = undefined;

  /** `hashHint`: record fields of the constructor (PUC presizes its hash part with it). */
  constructor(readonly hashHint = 0) {}

  /** Drops every entry (used when a table changes between plain and weak storage). */
  clear(): void {
    this.arr = NO_ITEMS;
    this.s = new Slots();
    this.hash = null;
    this.hashInts = 0;
    this.sKeys = null;
    this.iter = null;
    this.iterKey = undefined;
  }

  get(k: LuaValue): LuaValue {
    if (typeof k === 'string') return this.s[k];
    if (typeof k === 'number') {
      const a = this.arr;
      if (k >= 1 && k <= a.length && (k | 0) === k) return a[k - 1];
    }
    const h = this.hash;
    return h === null ? undefined : h.get(k);
  }

  getStr(k: string): LuaValue {
    return this.s[k];
  }

  getInt(k: number): LuaValue {
    const a = this.arr;
    if (k >= 1 && k <= a.length) return a[k - 1];
    const h = this.hash;
    return h === null ? undefined : h.get(k);
  }

  set(k: LuaValue, v: LuaValue): void {
    if (typeof k === 'string') {
      this.setStr(k, v);
    } else if (typeof k === 'number') {
      if ((k | 0) === k && k >= 1) this.setInt(k, v);
      else if (k !== k) throw new TableKeyError('table index is NaN');
      else this.setOther(k, v);
    } else if (k === undefined) {
      throw new TableKeyError('table index is nil');
    } else {
      this.setOther(k, v);
    }
  }

  setStr(k: string, v: LuaValue): void {
    const s = this.s;
    if (v !== undefined) s[k] = v;
    else if (s[k] !== undefined) delete s[k];
  }

  /** Keys other than strings and positive integers. */
  setOther(k: LuaValue, v: LuaValue): void {
    if (v === undefined) {
      if (this.hash !== null) this.hash.delete(k);
    } else {
      (this.hash ??= new Map()).set(k, v);
    }
  }

  /** `k` must be an integer >= 1. */
  setInt(k: number, v: LuaValue): void {
    const a = this.arr;
    const n = a.length;
    if (k <= n) {
      a[k - 1] = v;
      if (v === undefined && k === n) this.trim();
    } else if (k === n + 1) {
      if (v === undefined) return;
      if (n === 0) this.arr = [v];
      else a.push(v);
      const h = this.hash;
      if (h !== null && this.hashInts > 0) this.migrate(h);
    } else if (v === undefined) {
      if (this.hash !== null && this.hash.delete(k)) this.hashInts--;
    } else if (n >= 64 && k - n <= n >> 1) {
      // A large array grows over small gaps instead of spilling into the hash; the gap is
      // filled with explicit nils so the JS array stays packed (fast grow-by-push stores).
      for (let i = n + 1; i < k; i++) a.push(undefined);
      a.push(v);
      const h = this.hash;
      if (h !== null && this.hashInts > 0) this.migrate(h);
    } else {
      const h = (this.hash ??= new Map());
      const size = h.size;
      h.set(k, v);
      // Like PUC's rehash, move integer keys to the array part once it would be over half full.
      if (h.size > size && (++this.hashInts & (this.hashInts - 1)) === 0) this.rehash(h);
    }
  }

  /** computesizes(): the largest power of two 2^i with more than 2^(i-1) integer keys in 1..2^i. */
  private rehash(h: Map<LuaValue, LuaValue>): void {
    const nums = new Array<number>(27).fill(0);
    const n = this.arr.length;
    let total = 0;
    // The array part counts as full (holes are rare and this keeps rehash O(hash)).
    for (let b = 0; b < 27 && (1 << b) / 2 < n; b++) {
      const lo = b === 0 ? 1 : (1 << (b - 1)) + 1;
      const c = Math.min(n, 1 << b) - lo + 1;
      nums[b] += c;
      total += c;
    }
    for (const k of h.keys()) {
      if (typeof k === 'number' && (k | 0) === k && k >= 1 && k <= 1 << 26) {
        nums[32 - Math.clz32(k - 1)]++;
        total++;
      }
    }
    let a = 0;
    let size = 0;
    for (let b = 0, twotoi = 1; b < 27 && twotoi / 2 < total; b++, twotoi *= 2) {
      a += nums[b];
      // PUC's rule (more than half used); big tables also take 40% so sparse fills stay arrays.
      if (a > twotoi / 2 || (total >= 64 && a * 5 >= twotoi * 2)) size = twotoi;
    }
    if (size <= n + 1) return;
    if (this.arr === NO_ITEMS) this.arr = [];
    const arr = this.arr;
    for (let i = n + 1; i <= size; i++) {
      const v = h.get(i);
      arr.push(v);
      if (v !== undefined) {
        h.delete(i);
        this.hashInts--;
      }
    }
    this.trim();
    this.migrate(h);
  }

  /** Moves keys n+1, n+2, … from the hash into the array part after it grew. */
  private migrate(h: Map<LuaValue, LuaValue>): void {
    const a = this.arr;
    for (;;) {
      const k = a.length + 1;
      const v = h.get(k);
      if (v === undefined) return;
      h.delete(k);
      this.hashInts--;
      a.push(v);
    }
  }

  private trim(): void {
    const a = this.arr;
    let n = a.length;
    while (n > 0 && a[n - 1] === undefined) n--;
    a.length = n;
  }

  /** The `#` border (luaH_getn): arr.length is one by the invariant above. */
  length(): number {
    return this.arr.length;
  }

  /**
   * next(): the key after `k` (undefined when done), with its value in `nextValue`: the array
   * part in order, then string keys, then the Map. Throws for a key not in the table.
   */
  next(k: LuaValue): LuaValue {
    const a = this.arr;
    let i = 0;
    if (k !== undefined) {
      if (typeof k === 'number' && k >= 1 && k <= a.length && (k | 0) === k) i = k;
      else if (typeof k === 'string') return this.nextStr(k);
      else return this.nextHash(k);
    }
    for (; i < a.length; i++) {
      if (a[i] !== undefined) {
        this.nextValue = a[i];
        return i + 1;
      }
    }
    this.sKeys = this.orderedKeys();
    this.sPos = -1;
    return this.stepStr();
  }

  /** String keys in the order lua5.1 visits them (when only strings are hashed; see puc-order). */
  private orderedKeys(): string[] {
    const keys = Object.keys(this.s);
    return keys.length > 1 && (this.hash === null || this.hash.size === 0) ? pucOrder(keys, this.hashHint) : keys;
  }

  private nextStr(k: string): LuaValue {
    const keys = this.sKeys;
    if (keys === null || keys[this.sPos] !== k) {
      this.sKeys = this.orderedKeys();
      this.sPos = this.sKeys.indexOf(k);
      if (this.sPos < 0) throw new TableKeyError("invalid key to 'next'");
    }
    return this.stepStr();
  }

  private stepStr(): LuaValue {
    const keys = this.sKeys!;
    const s = this.s;
    while (++this.sPos < keys.length) {
      const key = keys[this.sPos];
      const v = s[key];
      if (v !== undefined) {
        this.nextValue = v;
        return key;
      }
    }
    this.sKeys = null;
    if (this.hash === null) return undefined;
    this.iter = this.hash.entries();
    return this.step();
  }

  private nextHash(k: LuaValue): LuaValue {
    if (this.iter === null || this.iterKey !== k) {
      // Re-synchronise: walk to `k` (next called out of order).
      if (this.hash === null) throw new TableKeyError("invalid key to 'next'");
      this.iter = this.hash.entries();
      for (;;) {
        const r = this.iter.next();
        if (r.done) {
          this.iter = null;
          throw new TableKeyError("invalid key to 'next'");
        }
        const key = r.value[0];
        if (key === k || (key !== key && k !== k)) break;
      }
    }
    return this.step();
  }

  private step(): LuaValue {
    const r = this.iter!.next();
    if (r.done) {
      this.iter = null;
      this.iterKey = undefined;
      return undefined;
    }
    this.iterKey = r.value[0];
    this.nextValue = r.value[1];
    return r.value[0];
  }
}
