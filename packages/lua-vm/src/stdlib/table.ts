// Table library (ltablib.c). sort is 5.1's own quicksort, step for step, so unstable orders
// and comparator call sequences match lua5.1's.
import { ABANDON, EMPTY, call, first, replaying, type Invoke } from '../runtime/call';
import { luaError } from '../runtime/errors';
import { callable, lt, rawSet } from '../runtime/ops';
import { LuaTable } from '../runtime/table';
import { toStr, typeName, type LuaFunction, type LuaValue } from '../runtime/value';
import { ctx } from '../runtime/context';
import { checkInt, checkTable, optInt, optString, register, typeError, type Lib } from './lib';

/**
 * Sorts t[1..n]. `invoke` (from `replaying`) calls the comparator in resumable code: the sort
 * then works on a copy, left untouched if the attempt is abandoned.
 */
function sortTable(t: LuaTable, n: number, comp: LuaValue, invoke?: Invoke): void {
  // Work on the array part in place when it holds 1..n (the usual case), else on a copy.
  const direct = t.arr.length === n && !t.readonly && invoke === undefined;
  const a: LuaValue[] = direct ? t.arr : Array.from({ length: n }, (_, i) => t.get(i + 1));
  const f = comp === undefined ? null : callable(comp, null);
  const cmp = f === null ? (sameBasicType(a) ? basicLess : (x: LuaValue, y: LuaValue) => lt(x, y, null))
    : invoke === undefined ? (x: LuaValue, y: LuaValue) => truthy(first(f(x, y)))
      : (x: LuaValue, y: LuaValue) => truthy(first(invoke(f, x, y)));
  let abandoned = false;
  try {
    auxsort(a, 0, n - 1, cmp);
  } catch (e) {
    abandoned = e === ABANDON;
    throw e;
  } finally {
    // After an error too: 5.1 sorts in place and leaves the table partly sorted.
    if (!direct && !abandoned) for (let i = 0; i < n; i++) rawSet(t, i + 1, a[i], null);
  }
}

const truthy = (v: LuaValue): boolean => v !== undefined && v !== false;

function sortArgs(a: LuaValue[]): [LuaTable, LuaValue] {
  const t = checkTable(a[0], 1, 'sort', a.length);
  const comp = a[1];
  if (comp !== undefined && typeof comp !== 'function') typeError(2, 'sort', 'function', comp);
  return [t, comp];
}

/** Whether `a` holds only numbers or only strings, whose `<` is JS's (lt without its checks). */
function sameBasicType(a: LuaValue[]): boolean {
  const t = typeof a[0];
  if (t !== 'number' && t !== 'string') return false;
  for (let i = 1; i < a.length; i++) if (typeof a[i] !== t) return false;
  return true;
}

const basicLess = (x: LuaValue, y: LuaValue): boolean => (x as number) < (y as number);

function auxsort(a: LuaValue[], l: number, u: number, lessThan: (x: LuaValue, y: LuaValue) => boolean): void {
  while (l < u) {
    // sort a[l], a[(l+u)/2], a[u]
    if (lessThan(a[u], a[l])) swap(a, l, u);
    if (u - l === 1) break;
    let i = (l + u) >>> 1;
    if (lessThan(a[i], a[l])) swap(a, i, l);
    else if (lessThan(a[u], a[i])) swap(a, i, u);
    if (u - l === 2) break;
    const p = a[i];
    swap(a, i, u - 1);
    // invariant: a[l..i] <= P <= a[j..u]
    i = l;
    let j = u - 1;
    for (;;) {
      while (lessThan(a[++i], p)) {
        if (i > u) luaError('invalid order function for sorting');
      }
      while (lessThan(p, a[--j])) {
        if (j < l) luaError('invalid order function for sorting');
      }
      if (j < i) break;
      swap(a, i, j);
    }
    swap(a, u - 1, i);
    // recurse into the smaller half, loop on the larger
    if (i - l < u - i) {
      j = l;
      i = i - 1;
      l = i + 2;
    } else {
      j = i + 1;
      i = u;
      u = j - 2;
    }
    auxsort(a, j, i, lessThan);
  }
}

function swap(a: LuaValue[], i: number, j: number): void {
  const t = a[i];
  a[i] = a[j];
  a[j] = t;
}

export function openTable(G: LuaTable): void {
  const lib: Lib = {
    insert(...a) {
      const t = checkTable(a[0], 1, 'insert', a.length);
      let e = t.length() + 1;
      if (a.length === 2) {
        rawSet(t, e, a[1], null);
      } else if (a.length === 3) {
        const pos = checkInt(a[1], 2, 'insert');
        if (pos > e) e = pos;
        for (let i = e; i > pos; i--) rawSet(t, i, t.get(i - 1), null);
        rawSet(t, pos, a[2], null);
      } else {
        luaError("wrong number of arguments to 'insert'");
      }
      return EMPTY;
    },
    remove(...a) {
      const t = checkTable(a[0], 1, 'remove', a.length);
      const e = t.length();
      const pos = optInt(a[1], 2, 'remove', e);
      if (e === 0) return EMPTY;
      const v = t.get(pos);
      for (let i = pos; i < e; i++) rawSet(t, i, t.get(i + 1), null);
      rawSet(t, e, undefined, null);
      return v;
    },
    concat(...a) {
      const t = checkTable(a[0], 1, 'concat', a.length);
      const sep = optString(a[1], 2, 'concat', '');
      const i = optInt(a[2], 3, 'concat', 1);
      const j = a[3] === undefined ? t.length() : checkInt(a[3], 4, 'concat');
      // Appending builds a rope that V8 flattens once, on first use; join() would copy every
      // piece up front.
      let out = '';
      for (let k = i; k <= j; k++) {
        const v = t.get(k);
        const s = typeof v === 'string' ? v : toStr(v);
        if (s === undefined) luaError(`invalid value (${typeName(v)}) at index ${k} in table for 'concat'`);
        out = k === i ? s : out + sep + s;
      }
      return out;
    },
    sort(...a) {
      const [t, comp] = sortArgs(a);
      sortTable(t, t.length(), comp);
      return EMPTY;
    },
    maxn(...a) {
      const t = checkTable(a[0], 1, 'maxn', a.length);
      let max = 0;
      let k: LuaValue = undefined;
      while ((k = t.next(k)) !== undefined) if (typeof k === 'number' && k > max) max = k;
      return max;
    },
    getn(...a) {
      return checkTable(a[0], 1, 'getn', a.length).length();
    },
    setn() {
      luaError("'setn' is obsolete");
    },
    foreach(t, f) {
      const tt = checkTable(t, 1, 'foreach');
      let k: LuaValue = undefined;
      while ((k = tt.next(k)) !== undefined) {
        const r = call(f, k, tt.nextValue)[0];
        if (r !== undefined) return r;
      }
      return undefined;
    },
    foreachi(t, f) {
      const tt = checkTable(t, 1, 'foreachi');
      const n = tt.length();
      for (let i = 1; i <= n; i++) {
        const r = call(f, i, tt.get(i))[0];
        if (r !== undefined) return r;
      }
      return undefined;
    },
  };
  G.setStr('table', register(new LuaTable(), lib));
  // In resumable code the hook can suspend a run inside the comparator.
  (lib.sort as LuaFunction).G = function* sort(...a) {
    const [t, comp] = sortArgs(a);
    const n = t.length();
    if (comp === undefined || ctx.hook === null) sortTable(t, n, comp);
    else yield* replaying((invoke) => sortTable(t, n, comp, invoke));
    return EMPTY;
  };
}
