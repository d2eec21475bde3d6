// lauxlib-style argument checks for the Redis Lua libraries, with lauxlib's exact texts.
// `args` is the argument list as the function received it, so `args.length` is lua_gettop.
import { LuaError, LuaTable, typeName, type LuaValue } from '@ferrous/lua-vm';
import { formatG, str2number, toInt64 } from './c-number';

/** A library function as registered on a Lua table. */
export type LibFunction = (...args: LuaValue[]) => LuaValue | LuaValue[];

/**
 * luaL_error. The position prefix lauxlib adds (`user_script:1: `) needs the Lua call site,
 * which @ferrous/lua-vm does not expose to embedders yet.
 */
export function raise(msg: string): never {
  throw new LuaError(msg);
}

/** luaL_argerror. */
export function argError(i: number, fname: string, msg: string): never {
  raise(`bad argument #${i} to '${fname}' (${msg})`);
}

/** luaL_typerror: `number expected, got nil` (`no value` past the last argument). */
function typeError(args: LuaValue[], i: number, fname: string, expected: string): never {
  argError(i, fname, `${expected} expected, got ${i > args.length ? 'no value' : typeName(args[i - 1])}`);
}

/** lua_tonumber: numbers, and strings that convert. */
export function toNumber(v: LuaValue): number | undefined {
  if (typeof v === 'number') return v;
  return typeof v === 'string' ? str2number(v) : undefined;
}

export function checkNumber(args: LuaValue[], i: number, fname: string): number {
  const n = toNumber(args[i - 1]);
  if (n === undefined) typeError(args, i, fname, 'number');
  return n;
}

/** luaL_checkinteger: the number cast to lua_Integer (int64, truncating). */
export function checkInteger(args: LuaValue[], i: number, fname: string): bigint {
  return toInt64(checkNumber(args, i, fname));
}

export function optInteger(args: LuaValue[], i: number, fname: string, def: bigint): bigint {
  return args[i - 1] === undefined ? def : checkInteger(args, i, fname);
}

export function checkString(args: LuaValue[], i: number, fname: string): string {
  const v = args[i - 1];
  if (typeof v === 'string') return v;
  // lua_tolstring formats numbers with LUAI_NUMFFORMAT (%.14g).
  if (typeof v === 'number') return formatG(v, 14);
  typeError(args, i, fname, 'string');
}

/** Registers `fns` on `t` under their keys (luaL_register). */
export function register(t: LuaTable, fns: Record<string, LibFunction>): LuaTable {
  for (const [name, fn] of Object.entries(fns)) t.set(name, fn);
  return t;
}

/** lua_checkstack's limit (LUAI_MAXCSTACK): slots a C function may use. */
export const MAX_C_STACK = 8000;
