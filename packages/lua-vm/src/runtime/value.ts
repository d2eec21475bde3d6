// Lua values as JS values: nil=undefined, booleans, numbers (doubles), strings (latin1 bytes),
// LuaTable, functions (JS functions; Lua ones carry their env and resumable twin), coroutines.
import { formatNumber } from '../stdlib/format';
import { str2number } from '../stdlib/number';
import { watchFinalizer } from './finalizer';
import { LuaTable } from './table';

/** A Lua function as JS sees it: results are one value, or an array for 0 or 2+ values. */
export type LuaFunction = ((...args: LuaValue[]) => unknown) & {
  /** Environment table (Lua functions only). */
  e?: LuaTable;
  /** Resumable twin: a generator function taking the same arguments (Lua functions only). */
  G?: (...args: LuaValue[]) => Generator<unknown, unknown, unknown>;
};

/**
 * Full userdata: an opaque host object with an optional metatable. Giving it a metatable
 * (here or later through `mt`) arms its `__gc`: the metamethod runs after the object is
 * collected (see finalizer.ts).
 */
export class LuaUserdata {
  private meta: LuaTable | null = null;

  constructor(readonly data: unknown, mt: LuaTable | null = null) {
    if (mt !== null) this.mt = mt;
  }

  get mt(): LuaTable | null {
    return this.meta;
  }

  set mt(mt: LuaTable | null) {
    this.meta = mt;
    if (mt !== null) watchFinalizer(this, mt);
  }

  /** The light userdata for a C address (interned: equal addresses are the same value). */
  static light(address: number): LuaLightUserdata {
    let u = lightByAddress.get(address);
    if (u === undefined) lightByAddress.set(address, (u = new LuaLightUserdata(address)));
    return u;
  }

  /** A userdata standing for this one in its `__gc` call (same data, metatable and address). */
  static resurrect(data: unknown, mt: LuaTable | null, address: number): LuaUserdata {
    const u = new LuaUserdata(data);
    u.meta = mt;
    ids.set(u, address);
    return u;
  }
}

/**
 * Light userdata: a bare C pointer value (`lua_pushlightuserdata`), compared by address and
 * never collected; `tostring` prints it as C's `%p` does (`userdata: (nil)` for NULL, as Redis
 * shows `cjson.null`). All light userdata share one metatable, as in PUC.
 */
export class LuaLightUserdata extends LuaUserdata {
  private static shared: LuaTable | null = null;

  /** Use LuaUserdata.light(address). */
  constructor(readonly address: number) {
    super(null);
  }

  override get mt(): LuaTable | null {
    return LuaLightUserdata.shared;
  }

  override set mt(mt: LuaTable | null) {
    LuaLightUserdata.shared = mt;
  }

  pointer(): string {
    return this.address === 0 ? '(nil)' : '0x' + this.address.toString(16);
  }
}

const lightByAddress = new Map<number, LuaLightUserdata>();

/** Values weak tables may drop: objects with identity (light userdata is a plain value). */
export function isCollectable(v: unknown): v is object {
  return typeof v === 'function' || (typeof v === 'object' && v !== null && !(v instanceof LuaLightUserdata));
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

/** The address-like id of a reference value (stable per object). */
export function addressNumber(o: object): number {
  let id = ids.get(o);
  if (id === undefined) {
    id = nextId;
    nextId += 0x28;
    ids.set(o, id);
  }
  return id;
}

/** The `0x…` address tostring prints for reference values. */
export function addressOf(o: object): string {
  if (o instanceof LuaLightUserdata) return o.pointer();
  return '0x' + addressNumber(o).toString(16).padStart(8, '0');
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

