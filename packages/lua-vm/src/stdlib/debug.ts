// Debug library subset (ldblib.c): traceback, getinfo (positions), raw metatable access.
import { ctx } from '../runtime/context';
import { formatTraceback, luaFrames } from '../runtime/errors';
import { getMetatable } from '../runtime/ops';
import { LuaTable } from '../runtime/table';
import { LuaUserdata, toStr, type LuaFunction } from '../runtime/value';
import { optInt, register, type Lib } from './lib';

export function openDebug(G: LuaTable): void {
  const lib: Lib = {
    traceback(msg, level) {
      if (msg !== undefined && typeof msg !== 'string' && typeof msg !== 'number') return msg;
      const lv = optInt(level, 2, 'traceback', 1);
      const text = formatTraceback(ctx.errorFrames ? ctx.errorFrames.slice(lv - 1) : luaFrames(200).slice(lv), ctx.co !== null);
      const m = toStr(msg);
      return m === undefined ? text : `${m}\n${text}`;
    },
    getinfo(f) {
      const t = new LuaTable();
      if (typeof f === 'function') {
        t.setStr('what', (f as LuaFunction).e ? 'Lua' : 'C');
        t.setStr('func', f);
        return t;
      }
      const frame = luaFrames(200)[optInt(f, 1, 'getinfo', 1)];
      if (!frame) return undefined;
      t.setStr('currentline', frame.chunk ? frame.line : -1);
      t.setStr('short_src', frame.chunk ? frame.chunk.id : '[C]');
      t.setStr('source', frame.chunk ? '@' + frame.chunk.id : '=[C]');
      t.setStr('what', frame.chunk ? 'Lua' : 'C');
      return t;
    },
    getmetatable(v) {
      return getMetatable(v) ?? undefined;
    },
    setmetatable(v, mt) {
      if (v instanceof LuaTable || v instanceof LuaUserdata) v.mt = mt instanceof LuaTable ? mt : null;
      return true;
    },
    sethook() {
      return undefined;
    },
    gethook() {
      return undefined;
    },
  };
  G.setStr('debug', register(new LuaTable(), lib));
}
