// The Lua environment Redis gives scripts: the 5.1 base/string/table/math/coroutine libraries
// minus everything that reaches the host (print, loadfile, dofile, getfenv/setfenv, require, io,
// os, debug), plus bit, cjson, cmsgpack, struct, Redis's math.random and a `redis`
// table. After setup every reachable table is read-only and reading a missing global raises.
import { LuaState, LuaTable, LuaError, luaError, openBit, type LuaValue, type LuaFunction } from '@ferrous/lua-vm';
import { openCjson, openCmsgpack, openStruct } from './lib';
import { RedisRandom } from './redis-random';

/** Base-library globals Redis 7.0 removes from the scripting environment. */
const REMOVED_GLOBALS = ['print', 'loadfile', 'dofile', 'getfenv', 'setfenv', 'module', 'require', 'package', 'newproxy', 'io', 'os', 'debug'];

export interface LuaEnv {
  lua: LuaState;
  /** The unprotected `tostring`, for rendering error values. */
  tostring: LuaFunction;
  /** The base library's setfenv (hidden from scripts; function libraries load under their own env). */
  setfenv: LuaFunction;
  /** The `redis` table (filled by the caller before `protect`). */
  redis: LuaTable;
}

/** A LuaState with Redis's libraries; call `protect` once the `redis` table is complete. */
export function createLuaEnv(random: RedisRandom): LuaEnv {
  const lua = new LuaState({ libs: ['base', 'coroutine', 'string', 'table', 'math', 'debug'], stdout: () => undefined });
  const G = lua.globals;
  openBit(G);
  openCjson(lua);
  openCmsgpack(lua);
  openStruct(lua);
  random.install(G.getStr('math') as LuaTable);
  const tostring = G.getStr('tostring') as LuaFunction;
  const setfenv = G.getStr('setfenv') as LuaFunction;
  // Redis keeps an error handler global (debug.getinfo is captured before `debug` is removed).
  lua.execute(`local dbg = debug
__redis__err__handler = function(err)
  local i = dbg.getinfo(2, 'nSl')
  if i and i.what == 'C' then i = dbg.getinfo(3, 'nSl') end
  if type(err) ~= 'table' then err = {err = 'ERR ' .. tostring(err)} end
  if i then err['source'] = i.source err['line'] = i.currentline end
  return err
end`, '=redis_init');
  // Redis's pcall turns a caught error table ({err = …}) into its message.
  lua.execute(`local base_pcall, select, type = pcall, select, type
local function settle(ok, ...)
  if ok then return ok, ... end
  local e = ...
  if type(e) == 'table' and type(e.err) == 'string' then return false, e.err end
  return false, ...
end
pcall = function(...) return settle(base_pcall(...)) end`, '=redis_init');
  for (const name of REMOVED_GLOBALS) G.setStr(name, undefined);
  const setmetatable = G.getStr('setmetatable') as LuaFunction;
  lua.register('setmetatable', function setmetatable_(...a: LuaValue[]) {
    // Redis's read-only tables refuse a new metatable too (the error has no position).
    if (a[0] instanceof LuaTable && a[0].readonly) throw new LuaError('Attempt to modify a readonly table');
    return lua.call(setmetatable, ...a);
  });
  const redis = new LuaTable();
  G.setStr('redis', redis);
  return { lua, tostring, setfenv, redis };
}

/** Makes the globals read-only and reading a missing global an error (Redis's scriptingEnableGlobalsProtection). */
export function protectGlobals(env: LuaEnv, globals: LuaTable = env.lua.globals): void {
  const mt = new LuaTable();
  env.lua.register('__index', function nonexistentGlobal(_t: LuaValue, k: LuaValue) {
    luaError(`Script attempted to access nonexistent global variable '${typeof k === 'string' ? k : String(k)}'`);
  }, mt);
  globals.mt = mt;
  protectRecursively(globals, new Set());
}

/** Marks `t` and every table reachable from it (and their metatables) read-only. */
export function protectRecursively(t: LuaTable, seen: Set<LuaTable>): void {
  if (seen.has(t)) return;
  seen.add(t);
  t.readonly = true;
  if (t.mt !== null) protectRecursively(t.mt, seen);
  for (let k = t.next(undefined); k !== undefined; k = t.next(k)) {
    const v = t.nextValue;
    if (v instanceof LuaTable) protectRecursively(v, seen);
  }
}
