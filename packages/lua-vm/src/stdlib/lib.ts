// Shared by the library files: registration tables and luaL_check* argument checks that raise
// `bad argument #n to 'name' (…)` positioned at the caller, as lauxlib does.
import { LuaError, luaFrames, nativeNames } from '../runtime/errors';
import { LuaTable } from '../runtime/table';
import { toNumber, toStr, typeName, type LuaFunction, type LuaValue } from '../runtime/value';

export type Native = (...args: LuaValue[]) => unknown;
export type Lib = Record<string, Native>;

/** Adds a registration table's functions to `t` (luaL_register) and marks them as natives. */
export function register(t: LuaTable, lib: Lib): LuaTable {
  for (const [name, fn] of Object.entries(lib)) {
    nativeNames.add(fn.name);
    t.setStr(name, fn as LuaFunction);
  }
  return t;
}

/** Marks a function created at run time (iterators, wrap) as a native `[C]` level. */
export function native<T extends Native>(fn: T): T {
  nativeNames.add(fn.name);
  return fn;
}

/** luaL_argerror: positioned at the caller; a native called straight from a native is '?'. */
export function argError(i: number, fname: string, msg: string): never {
  const caller = luaFrames(32)[1];
  const pos = caller && caller.chunk ? `${caller.chunk.id}:${caller.line}: ` : '';
  throw new LuaError(`${pos}bad argument #${i} to '${caller && !caller.chunk ? '?' : fname}' (${msg})`);
}

/**
 * argError for a method's argument `i` (self not counted). PUC counts self unless the call was
 * written `obj:name(…)`; a call from a native (pcall(f.read, f, …)) therefore counts it.
 */
export function methodArgError(i: number, fname: string, msg: string): never {
  const caller = luaFrames(32)[1];
  argError(caller && !caller.chunk ? i + 1 : i, fname, msg);
}

/** luaL_typerror: `t expected, got nil` (`no value` when the argument is absent). */
export function typeError(i: number, fname: string, expected: string, v: LuaValue, nargs = Infinity): never {
  argError(i, fname, `${expected} expected, got ${i > nargs ? 'no value' : typeName(v)}`);
}

export function checkTable(v: LuaValue, i: number, fname: string, nargs?: number): LuaTable {
  if (!(v instanceof LuaTable)) typeError(i, fname, 'table', v, nargs);
  return v;
}

export function checkNumber(v: LuaValue, i: number, fname: string, nargs?: number): number {
  if (typeof v === 'number') return v;
  const n = toNumber(v);
  if (n === undefined) typeError(i, fname, 'number', v, nargs);
  return n;
}

/** luaL_checkint: the number truncated toward zero (C cast). */
export function checkInt(v: LuaValue, i: number, fname: string, nargs?: number): number {
  const n = checkNumber(v, i, fname, nargs);
  return n >= 0 ? Math.floor(n) : Math.ceil(n);
}

export function optInt(v: LuaValue, i: number, fname: string, def: number): number {
  return v === undefined ? def : checkInt(v, i, fname);
}

export function optNumber(v: LuaValue, i: number, fname: string, def: number): number {
  return v === undefined ? def : checkNumber(v, i, fname);
}

export function checkString(v: LuaValue, i: number, fname: string, nargs?: number): string {
  if (typeof v === 'string') return v;
  const s = toStr(v);
  if (s === undefined) typeError(i, fname, 'string', v, nargs);
  return s;
}

export function optString(v: LuaValue, i: number, fname: string, def: string): string {
  return v === undefined ? def : checkString(v, i, fname);
}

export function checkAny(nargs: number, i: number, fname: string): void {
  if (i > nargs) argError(i, fname, 'value expected');
}

export function checkFunction(v: LuaValue, i: number, fname: string, nargs?: number): LuaFunction {
  if (typeof v !== 'function') typeError(i, fname, 'function', v, nargs);
  return v as LuaFunction;
}
