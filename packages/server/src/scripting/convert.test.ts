import { describe, expect, it } from 'vitest';
import { LuaTable } from '@ferrous/lua-vm';
import { ErrorReply, MapReply, SimpleString } from '@ferrous/resp';
import { luaToReply, replyToLua } from './convert';

describe('reply ↔ Lua conversions', () => {
  it('a table that contains itself ends in Redis\'s stack-limit error instead of overflowing', () => {
    const t = new LuaTable();
    t.set(1, t);
    expect(luaToReply(t, 2)).toEqual(new ErrorReply('ERR reached lua stack limit'));
  });

  it('RESP3 replies become tagged tables and convert back to the same replies', () => {
    const map = new MapReply(['k', 1, 'n', new SimpleString('OK')]);
    const lua = replyToLua(map, 3) as LuaTable;
    expect(lua.getStr('map')).toBeInstanceOf(LuaTable);
    expect(luaToReply(lua, 3)).toEqual(map);
    expect(replyToLua(map, 2)).toBeInstanceOf(LuaTable);
    expect(luaToReply(replyToLua(map, 2), 2)).toEqual(['k', 1, 'n', new SimpleString('OK')]);
  });
});
