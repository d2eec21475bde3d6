// Conversions between command replies and Lua values, as Redis's script_lua.c does them:
// replies of redis.call() become Lua values under the script's protocol (redis.setresp), and a
// script's return value becomes the reply sent to the caller.
import {
  BigNumberReply,
  BooleanReply,
  DoubleReply,
  ErrorReply,
  MapReply,
  NullArrayReply,
  PushReply,
  SetReply,
  SimpleString,
  VerbatimReply,
  AttributeReply,
  formatDouble,
  type Reply,
} from '@ferrous/resp';
import { LuaTable, type LuaValue } from '@ferrous/lua-vm';
import { toInt64 } from './lib/c-number';

/**
 * An error reply the error stats already counted: a script's error that came from a command it ran
 * (Redis's `ignore_error_stats_update`), so INFO errorstats does not count it twice.
 */
export class CountedErrorReply extends ErrorReply {}

/** An `{err = …}` table's reply. */
export function errorTableReply(t: LuaTable, message: string): ErrorReply {
  return t.getStr('ignore_error_stats_update') === true ? new CountedErrorReply(message) : new ErrorReply(message);
}

/** A one-field table (`{ok = …}`, `{err = …}`, `{double = …}`). */
export function fieldTable(field: string, value: LuaValue): LuaTable {
  const t = new LuaTable();
  t.setStr(field, value);
  return t;
}

/** KEYS / ARGV: a Lua array of byte strings. */
export function stringTable(items: string[]): LuaTable {
  const t = new LuaTable();
  for (let i = 0; i < items.length; i++) t.setInt(i + 1, items[i]);
  return t;
}

/** A command reply as the script sees it (redisProtocolToLuaType) under protocol `resp`. */
export function replyToLua(reply: Reply, resp: 2 | 3): LuaValue {
  if (typeof reply === 'string') return reply;
  if (typeof reply === 'number') return reply;
  if (reply === null || reply === NullArrayReply.instance) return resp === 2 ? false : undefined;
  if (Array.isArray(reply)) return arrayToLua(reply, resp);
  if (typeof reply === 'bigint') return Number(reply);
  if (Buffer.isBuffer(reply)) return reply.latin1Slice(0, reply.length);
  if (reply instanceof SimpleString) return fieldTable('ok', reply.value);
  if (reply instanceof ErrorReply) return fieldTable('err', reply.message);
  if (reply instanceof DoubleReply) return resp === 2 ? formatDouble(reply.value) : fieldTable('double', reply.value);
  if (reply instanceof BooleanReply) return resp === 2 ? (reply.value ? 1 : 0) : reply.value;
  if (reply instanceof BigNumberReply) return resp === 2 ? String(reply.value) : fieldTable('big_number', String(reply.value));
  if (reply instanceof VerbatimReply) {
    if (resp === 2) return reply.text;
    const v = new LuaTable();
    v.setStr('string', reply.text);
    v.setStr('format', reply.format);
    return fieldTable('verbatim_string', v);
  }
  if (reply instanceof MapReply) {
    if (resp === 2) return arrayToLua(reply.entries, resp);
    const m = new LuaTable();
    for (let i = 0; i < reply.entries.length; i += 2) m.set(replyToLua(reply.entries[i], resp), replyToLua(reply.entries[i + 1], resp));
    return fieldTable('map', m);
  }
  if (reply instanceof SetReply) {
    if (resp === 2) return arrayToLua(reply.items, resp);
    const s = new LuaTable();
    for (const item of reply.items) s.set(replyToLua(item, resp), true);
    return fieldTable('set', s);
  }
  if (reply instanceof PushReply) return arrayToLua(reply.items, resp);
  if (reply instanceof AttributeReply) return replyToLua(reply.reply, resp);
  return undefined;
}

function arrayToLua(items: Reply[], resp: 2 | 3): LuaTable {
  const t = new LuaTable();
  for (let i = 0; i < items.length; i++) t.set(i + 1, replyToLua(items[i], resp));
  return t;
}

/** Error replies keep one line (addReplyErrorLength maps CR/LF to spaces). */
export const oneLine = (s: string): string => s.replace(/[\r\n]/g, ' ');

/**
 * A script's result as the reply to its caller (luaReplyToRedisReply). `resp` is the script's
 * protocol (booleans are RESP3 booleans only after redis.setresp(3)). A table nested deeper than
 * the JS stack allows (one containing itself) becomes Redis's error for it; Redis first sends the
 * ~8000 levels its Lua stack holds.
 */
export function luaToReply(v: LuaValue, resp: 2 | 3): Reply {
  try {
    return toReply(v, resp);
  } catch (e) {
    if (e instanceof RangeError) return new ErrorReply('ERR reached lua stack limit');
    throw e;
  }
}

function toReply(v: LuaValue, resp: 2 | 3): Reply {
  switch (typeof v) {
    case 'string':
      return v;
    case 'number':
      return luaNumberToInteger(v);
    case 'boolean':
      return resp === 2 ? (v ? 1 : null) : new BooleanReply(v);
  }
  if (!(v instanceof LuaTable)) return null;
  const err = v.getStr('err');
  if (typeof err === 'string') return errorTableReply(v, oneLine(err));
  const ok = v.getStr('ok');
  if (typeof ok === 'string') return new SimpleString(oneLine(ok));
  const double = v.getStr('double');
  if (typeof double === 'number') return new DoubleReply(double);
  const big = v.getStr('big_number');
  if (typeof big === 'string') return bigNumberReply(big);
  const map = v.getStr('map');
  if (map instanceof LuaTable) {
    const entries: Reply[] = [];
    for (let k = map.next(undefined); k !== undefined; k = map.next(k)) {
      const value = map.nextValue;
      entries.push(toReply(k, resp), toReply(value, resp));
    }
    return new MapReply(entries);
  }
  const set = v.getStr('set');
  if (set instanceof LuaTable) {
    const items: Reply[] = [];
    for (let k = set.next(undefined); k !== undefined; k = set.next(k)) items.push(toReply(k, resp));
    return new SetReply(items);
  }
  const out: Reply[] = [];
  for (let i = 1; ; i++) {
    const item = v.getInt(i);
    if (item === undefined) break;
    out.push(toReply(item, resp));
  }
  return out;
}

/** lua_Number → long long as the C cast does it (truncation). */
function luaNumberToInteger(n: number): Reply {
  const t = Math.trunc(n);
  return Number.isSafeInteger(t) ? t : toInt64(n);
}

/** A big number reply keeps the script's digits; text that is no integer goes out as a bulk string. */
function bigNumberReply(text: string): Reply {
  return /^-?\d+$/.test(text) ? new BigNumberReply(BigInt(text)) : text;
}
