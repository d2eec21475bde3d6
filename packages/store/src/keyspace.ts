// The key index of one database: a dense array of slots plus a SlotIndex from key to its slot.
// Each slot is four adjacent cells (key, value, access stamp, size estimate), so a lookup that
// found the slot touches one more cache line, not one per field: at 100k+ keys the index is
// memory-latency bound.
// Invariant: slots 0..size-1 are all live and, outside a reserve()…dropReserve() bulk insert, the
// only cells; a removal moves the last slot into the hole (swap-remove), which gives O(1) random
// sampling and a stateless SCAN cursor that walks slots from the top down (an unvisited slot
// never moves into the visited range).
import { SlotIndex } from './slot-index';
import type { StoreValue } from './value';

const KEY = 0;
const VALUE = 1;
const ACCESS = 2;
const SIZE = 3;
const CELLS = 4;

export class Keyspace {
  /** CELLS cells per slot: key, value, access stamp, size estimate. Never replaced (the index reads it). */
  private readonly cells: Array<string | StoreValue | number> = [];
  private readonly slotOf = new SlotIndex(this.cells, CELLS);
  private count = 0;

  get size(): number {
    return this.count;
  }

  /** Slot of `key`, or -1. */
  find(key: string): number {
    return this.slotOf.find(key);
  }

  keyAt(slot: number): string {
    return this.cells[slot * CELLS + KEY] as string;
  }

  /** Value of a slot: a latin1 string for strings, a type object otherwise. */
  valueAt(slot: number): StoreValue {
    return this.cells[slot * CELLS + VALUE] as StoreValue;
  }

  setValue(slot: number, value: StoreValue): void {
    this.cells[slot * CELLS + VALUE] = value;
  }

  /** LRU clock or LFU stamp (low 24 bits) and flags (high 8 bits), like Redis's robj.lru. */
  accessAt(slot: number): number {
    return this.cells[slot * CELLS + ACCESS] as number;
  }

  setAccess(slot: number, access: number): void {
    this.cells[slot * CELLS + ACCESS] = access;
  }

  /** Memory estimate of a slot, so a change can be accounted as a delta. */
  sizeAt(slot: number): number {
    return this.cells[slot * CELLS + SIZE] as number;
  }

  setSize(slot: number, size: number): void {
    this.cells[slot * CELLS + SIZE] = size;
  }

  /** Appends a new key (caller checked it is absent) and returns its slot. */
  insert(key: string, value: StoreValue, access: number, size: number): number {
    const slot = this.count++;
    const cells = this.cells;
    const at = slot * CELLS;
    // Index writes, not push: they fill a reserve()d tail in place and append otherwise.
    cells[at + KEY] = key;
    cells[at + VALUE] = value;
    cells[at + ACCESS] = access;
    cells[at + SIZE] = size;
    this.slotOf.add(key, slot);
    return slot;
  }

  /**
   * Makes room for `n` more keys with one allocation (bulk loading): growing by appends would
   * copy the cells ~log(n) times, and fresh memory is what a large load spends most time on.
   * Cells past the live slots stay unused until dropReserve(), which must end the bulk insert.
   */
  reserve(n: number): void {
    const cells = this.cells;
    const want = (this.count + n) * CELLS;
    if (want > cells.length) cells.length = want;
    this.slotOf.reserve(n);
  }

  /** Ends a reserve(): drops the cells no insert used (keys repeated in a bulk load). */
  dropReserve(): void {
    this.cells.length = this.count * CELLS;
  }

  /** Removes the key in `slot`, moving the last slot into it. */
  removeAt(slot: number): void {
    const cells = this.cells;
    const last = --this.count;
    this.slotOf.remove(cells[slot * CELLS + KEY] as string);
    if (slot !== last) {
      const to = slot * CELLS;
      const from = last * CELLS;
      for (let i = 0; i < CELLS; i++) cells[to + i] = cells[from + i];
      this.slotOf.move(cells[to + KEY] as string, slot);
    }
    for (let i = 0; i < CELLS; i++) cells.pop();
  }

  clear(): void {
    this.slotOf.clear();
    this.cells.length = 0;
    this.count = 0;
  }

  /** Every key in slot order (a copy). */
  keyList(): string[] {
    const out = new Array<string>(this.count);
    for (let i = 0; i < this.count; i++) out[i] = this.keyAt(i);
    return out;
  }

  /** Every value in slot order (a copy, parallel to keyList()). */
  valueList(): StoreValue[] {
    const out = new Array<StoreValue>(this.count);
    for (let i = 0; i < this.count; i++) out[i] = this.valueAt(i);
    return out;
  }
}
