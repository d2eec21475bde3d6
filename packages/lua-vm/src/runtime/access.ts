// Fast paths the generated code calls for globals, constant-key fields and constructors;
// V8 inlines them at hot sites, and they defer to ops.ts for metatables and errors.
import { ctx } from './context';
import { index, setIndex, siteError, type Site } from './ops';
import { constructorSize } from './puc-order';
import { LuaTable, type Slots } from './table';
import { toNumber, type LuaFunction, type LuaValue } from './value';

/** A global read: `fn` is the running Lua function, whose `.e` is its environment. */
export function gget(fn: LuaFunction, k: string, s: Site): LuaValue {
  const e = fn.e!;
  const v = e.getStr(k);
  return v !== undefined || e.mt === null ? v : index(e, k, s);
}

export function gset(fn: LuaFunction, k: string, v: LuaValue, s: Site): void {
  const e = fn.e!;
  if (e.mt === null && !e.readonly) e.setStr(k, v);
  else setIndex(e, k, v, s);
}

/** o.k for a constant string key. */
export function idxs(o: unknown, k: string, s: Site): LuaValue {
  if (o instanceof LuaTable) {
    let v = o.s[k];
    if (v !== undefined) return v;
    // Follow __index tables (classes, inheritance) directly; anything else takes index().
    let t = o;
    for (let depth = 0; depth < 100; depth++) {
      const mt = t.mt;
      if (mt === null) return undefined;
      const h = mt.s.__index;
      if (!(h instanceof LuaTable)) break;
      v = h.s[k];
      if (v !== undefined) return v;
      t = h;
    }
    return index(t, k, s);
  } else if (typeof o === 'string') {
    // s:method(): straight to the string library when __index is a plain table.
    const h = ctx.strMeta?.s.__index;
    if (h instanceof LuaTable && h.mt === null) return h.s[k];
  }
  return index(o, k, s);
}

/**
 * Gives the globals and each library table a fast-mode holder of their string keys. Keys
 * stored by computed name (as natives and global assignments do) turn an object into a hash
 * dictionary after a dozen, and compiled `G.s.math` and `math.s.floor` loads would each probe a
 * hash; an object JSON.parse builds keeps every key as a field (inline-cached loads), and a
 * dozen more keys may be added before it turns into a dictionary too.
 */
export function keepLibrariesFast(globals: LuaTable): void {
  for (const v of new Set([globals, ...Object.values(globals.s)])) {
    if (!(v instanceof LuaTable)) continue;
    const old = v.s;
    const keys = Object.keys(old);
    const fresh = JSON.parse(JSON.stringify(Object.fromEntries(keys.map((k) => [k, 0])))) as Slots;
    Object.setPrototypeOf(fresh, Object.getPrototypeOf(old));
    for (const k of keys) fresh[k] = old[k];
    v.s = fresh;
  }
}

/** A table constructor: positional values (nils kept in place) then key/value pairs. */
export function tbl(arr: LuaValue[] | null, kv: LuaValue[] | null, s: Site | null): LuaTable {
  const t = new LuaTable(kv === null ? 0 : constructorSize(kv.length / 2));
  if (kv !== null) {
    for (let i = 0; i < kv.length; i += 2) {
      const k = kv[i];
      if (k === undefined) siteError(s, 'table index is nil');
      if (typeof k === 'number' && k !== k) siteError(s, 'table index is NaN');
      t.set(k, kv[i + 1]);
    }
  }
  if (arr !== null && arr.length > 0) {
    let n = arr.length;
    while (n > 0 && arr[n - 1] === undefined) n--;
    if (kv === null) {
      t.arr = n === arr.length ? arr : arr.slice(0, n);
    } else {
      // Positional items win over keyed ones with the same index, as in PUC.
      for (let i = 0; i < n; i++) t.set(i + 1, arr[i]);
    }
  }
  return t;
}

/** A numeric-for operand: numbers and numeric strings, else `'for' … must be a number`. */
export function forNum(v: LuaValue, s: Site): number {
  const n = toNumber(v);
  if (n === undefined) siteError(s, `'for' ${s.a === 'initial' ? 'initial value' : s.a} must be a number`);
  return n;
}
