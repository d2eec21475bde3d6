// Lua values as JS values: nil=undefined, booleans, numbers (doubles), strings (latin1 bytes),
// LuaTable, functions (JS functions; Lua ones carry their env and resumable twin), coroutines.
import { formatNumber } from '../stdlib/format';
import { str2number } from '../stdlib/number';
import { LuaTable } from './table';

/** A Lua function as JS sees it: results are one value, or an array for 0 or 2+ values. */
export type LuaFunction = ((...args: LuaValue[]) => unknown) & {
  /** Environment table (Lua functions only). */
  e?: LuaTable;
  /** Resumable twin: a generator function taking the same arguments (Lua functions only). */
  G?: (...args: LuaValue[]) => Generator<unknown, unknown, unknown>;
};

/** Full userdata: an opaque host object with an optional metatable. */
export class LuaUserdata {
  mt: LuaTable | null = null;
  constructor(readonly data: unknown) {}
}

export type LuaValue = undefined | boolean | number | string | LuaTable | LuaFunction | LuaUserdata | object;

/** type(v) */
export function typeName(v: unknown): string {
  switch (typeof v) {
    case 'undefined': return 'nil';
    case 'boolean': return 'boolean';
    case 'number': return 'number';
    case 'string': return 'string';
    case 'function': return 'function';
    default:
      if (v instanceof LuaTable) return 'table';
      if (v instanceof LuaUserdata) return 'userdata';
      return 'thread';
  }
}

const ids = new WeakMap<object, number>();
let nextId = 0x55a4c0;

/** The `0x…` address-like id tostring prints for reference values (stable per object). */
export function addressOf(o: object): string {
  let id = ids.get(o);
  if (id === undefined) {
    id = nextId;
    nextId += 0x28;
    ids.set(o, id);
  }
  return '0x' + id.toString(16).padStart(8, '0');
}

/** tostring without metamethods (luaL_tolstring's default branch). */
export function rawToString(v: unknown): string {
  switch (typeof v) {
    case 'string': return v;
    case 'number': return formatNumber(v);
    case 'undefined': return 'nil';
    case 'boolean': return v ? 'true' : 'false';
    default: return `${typeName(v)}: ${addressOf(v as object)}`;
  }
}

/** String→number coercion of arithmetic (undefined when not convertible). */
export function toNumber(v: unknown): number | undefined {
  if (typeof v === 'number') return v;
  if (typeof v === 'string') return str2number(v);
  return undefined;
}

/** Number→string coercion of concat and string functions (undefined for other types). */
export function toStr(v: unknown): string | undefined {
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return formatNumber(v);
  return undefined;
}

