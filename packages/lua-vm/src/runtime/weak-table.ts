// Weak tables (`__mode` 'k', 'v', 'kv'). setmetatable moves a table whose metatable has a
// __mode onto WeakTable's prototype, which keeps every entry in a WeakStore: weak keys in a
// WeakMap (an ephemeron: a value that refers to its own key does not keep it alive), weak
// values behind WeakRefs. Collected entries are skipped by every read and compacted away as
// the table grows. Plain tables never reach this code: the only cost is a different hidden
// class for the (rare) tables that are weak.
import { LuaTable, TableKeyError, type Slots } from './table';
import { isCollectable, type LuaValue } from './value';

/** An entry's place in traversal order; holds its key weakly when keys are weak. */
interface Slot {
  k: LuaValue | WeakRef<object>;
  i: number;
  /** The entry, for strong keys (a weak key's entry is reachable only through the WeakMap). */
  cell: Cell | null;
}

interface Cell {
  /** The value (undefined once removed), behind a WeakRef when values are weak. */
  v: LuaValue | WeakRef<object>;
  slot: Slot;
}

function deref(x: LuaValue | WeakRef<object>): LuaValue {
  return x instanceof WeakRef ? (x.deref() as LuaValue) : x;
}

class WeakStore {
  private readonly strong = new Map<LuaValue, Cell>();
  private readonly weak: WeakMap<object, Cell> | null;
  private order: Slot[] = [];
  /** order.length after the last compaction: it is compacted again when it doubles. */
  private compactedAt = 0;

  constructor(readonly weakKeys: boolean, readonly weakValues: boolean) {
    this.weak = weakKeys ? new WeakMap() : null;
  }

  private cell(k: LuaValue): Cell | undefined {
    return this.weak !== null && isCollectable(k) ? this.weak.get(k) : this.strong.get(k);
  }

  get(k: LuaValue): LuaValue {
    const c = this.cell(k);
    return c === undefined ? undefined : deref(c.v);
  }

  set(k: LuaValue, v: LuaValue): void {
    const wrapped = this.weakValues && isCollectable(v) ? new WeakRef(v) : v;
    const c = this.cell(k);
    if (c !== undefined) {
      // A removed entry keeps its slot, so next() can continue from it during a traversal.
      c.v = wrapped;
      return;
    }
    if (v === undefined) return;
    if (this.order.length >= 2 * this.compactedAt + 16) this.compact();
    const weakKey = this.weak !== null && isCollectable(k);
    const slot: Slot = { k: weakKey ? new WeakRef(k as object) : k, i: this.order.length, cell: null };
    const cell: Cell = { v: wrapped, slot };
    if (weakKey) {
      this.weak!.set(k as object, cell);
    } else {
      slot.cell = cell;
      this.strong.set(k, cell);
    }
    this.order.push(slot);
  }

  /** The key of a slot and its value, or undefined when either is gone. */
  private live(slot: Slot): [LuaValue, LuaValue] | undefined {
    const key = deref(slot.k);
    if (key === undefined) return undefined;
    const c = slot.cell ?? this.weak!.get(key as object);
    const v = c === undefined ? undefined : deref(c.v);
    return v === undefined ? undefined : [key, v];
  }

  /** Drops removed and collected entries (only on insertion: next() positions stay valid). */
  private compact(): void {
    const kept: Slot[] = [];
    for (const slot of this.order) {
      const key = deref(slot.k);
      if (this.live(slot) !== undefined) {
        slot.i = kept.length;
        kept.push(slot);
      } else if (slot.cell !== null) {
        this.strong.delete(key);
      } else if (key !== undefined) {
        this.weak!.delete(key as object);
      }
    }
    this.order = kept;
    this.compactedAt = kept.length;
  }

  /** The entry after key `k` (from the start for undefined), or undefined at the end. */
  next(k: LuaValue): [LuaValue, LuaValue] | undefined {
    let i = 0;
    if (k !== undefined) {
      const c = this.cell(k);
      if (c === undefined) throw new TableKeyError("invalid key to 'next'");
      i = c.slot.i + 1;
    }
    for (const order = this.order; i < order.length; i++) {
      const e = this.live(order[i]);
      if (e !== undefined) return e;
    }
    return undefined;
  }
}

/** String-keyed view of a store, standing in for `s` (compiled code reads `t.s.name`). */
function slotsView(store: WeakStore): Slots {
  const stringKeys = (): string[] => {
    const keys: string[] = [];
    for (let e = store.next(undefined); e !== undefined; e = store.next(e[0])) if (typeof e[0] === 'string') keys.push(e[0]);
    return keys;
  };
  return new Proxy(Object.create(null) as Slots, {
    get: (_, k) => (typeof k === 'string' ? store.get(k) : undefined),
    set: (_, k, v) => {
      if (typeof k === 'string') store.set(k, v as LuaValue);
      return true;
    },
    deleteProperty: (_, k) => {
      if (typeof k === 'string') store.set(k, undefined);
      return true;
    },
    has: (_, k) => typeof k === 'string' && store.get(k) !== undefined,
    ownKeys: stringKeys,
    getOwnPropertyDescriptor: (_, k) => {
      const value = typeof k === 'string' ? store.get(k) : undefined;
      return value === undefined ? undefined : { value, writable: true, enumerable: true, configurable: true };
    },
  });
}

/** A table with weak keys and/or values; tables become one through setMetatable() only. */
export class WeakTable extends LuaTable {
  declare store: WeakStore;

  override get(k: LuaValue): LuaValue {
    return this.store.get(k);
  }

  override getStr(k: string): LuaValue {
    return this.store.get(k);
  }

  override getInt(k: number): LuaValue {
    return this.store.get(k);
  }

  override set(k: LuaValue, v: LuaValue): void {
    if (k === undefined) throw new TableKeyError('table index is nil');
    if (k !== k) throw new TableKeyError('table index is NaN');
    this.store.set(k, v);
  }

  override setStr(k: string, v: LuaValue): void {
    this.store.set(k, v);
  }

  override setInt(k: number, v: LuaValue): void {
    this.store.set(k, v);
  }

  override setOther(k: LuaValue, v: LuaValue): void {
    this.store.set(k, v);
  }

  /** luaH_getn with an empty array part: PUC's unbound search. */
  override length(): number {
    let i = 0;
    let j = 1;
    while (this.store.get(j) !== undefined) {
      i = j;
      j *= 2;
      if (j > 2147483647) {
        i = 1;
        while (this.store.get(i) !== undefined) i++;
        return i - 1;
      }
    }
    while (j - i > 1) {
      const m = Math.floor((i + j) / 2);
      if (this.store.get(m) === undefined) j = m;
      else i = m;
    }
    return i;
  }

  override next(k: LuaValue): LuaValue {
    const e = this.store.next(k);
    if (e === undefined) return undefined;
    this.nextValue = e[1];
    return e[0];
  }
}

/** The weakness a metatable asks for: its __mode string containing 'k' and/or 'v'. */
function modeOf(mt: LuaTable | null): { keys: boolean; values: boolean } {
  const mode = mt === null ? undefined : mt.getStr('__mode');
  if (typeof mode !== 'string') return { keys: false, values: false };
  return { keys: mode.includes('k'), values: mode.includes('v') };
}

/**
 * Sets a table's metatable, switching its storage when the weakness changes (setmetatable and
 * debug.setmetatable). A __mode added to a metatable after it was set takes effect at the
 * next setmetatable.
 */
export function setTableMetatable(t: LuaTable, mt: LuaTable | null): void {
  t.mt = mt;
  // The common case (objects and classes): nothing weak before or after.
  if ((mt === null || mt.s.__mode === undefined) && !(t instanceof WeakTable)) return;
  const want = modeOf(mt);
  const store = t instanceof WeakTable ? t.store : null;
  if (store === null ? !want.keys && !want.values : store.weakKeys === want.keys && store.weakValues === want.values) return;
  const entries: [LuaValue, LuaValue][] = [];
  for (let k = t.next(undefined); k !== undefined; k = t.next(k)) entries.push([k, t.nextValue]);
  t.clear();
  if (want.keys || want.values) {
    Object.setPrototypeOf(t, WeakTable.prototype);
    const s = new WeakStore(want.keys, want.values);
    (t as WeakTable).store = s;
    t.s = slotsView(s);
  } else {
    Object.setPrototypeOf(t, LuaTable.prototype);
    delete (t as Partial<WeakTable>).store;
  }
  for (const [k, v] of entries) t.set(k, v);
}
