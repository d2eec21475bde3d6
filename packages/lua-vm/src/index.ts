// @ferrous/lua-vm: a Lua 5.1 implementation that compiles Lua to JavaScript.
export { LuaState, type LuaStateOptions, type JsFunction, type ResumableRun } from './state';
export { runCli, type CliHost } from './lua-cli';
export { LuaError, LuaSyntaxError } from './runtime/errors';
/** Raise a Lua error from a host function, positioned like luaL_error (`chunk:line: msg`). */
export { luaError } from './runtime/errors';
export { LuaTable } from './runtime/table';
export { LuaUserdata, LuaLightUserdata, typeName, type LuaValue, type LuaFunction } from './runtime/value';
/** setmetatable for hosts: honours `__mode` (weak tables), which a plain `t.mt = mt` does not. */
export { setTableMetatable } from './runtime/weak-table';
export { Coroutine } from './runtime/coroutine';
export { openBit } from './stdlib/bit';
// C number conversions as lua5.1 performs them, for embedders' native libraries (cjson, struct).
export { strtod, str2number } from './stdlib/number';
export { formatF, formatG, formatNumber } from './stdlib/format';
